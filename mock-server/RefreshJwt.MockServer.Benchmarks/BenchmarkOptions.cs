using System.Globalization;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>Durations and counts; the comparison's defaults take about 4 minutes on a 2-core machine, the journal's about one.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: [--workers 32] [--warmup-seconds 10] [--seconds 5] [--runs 7] [--starts 11]\n"
        + "       journal [--workers 32] [--warmup 20000] [--requests 20000] [--baseline-requests 50000] [--segments 4] [--appends 1000000] [--token-calls 20000]";

    /// <summary>Connections kept busy at once: wrk's (comparison), or HTTP workers with one request in flight each (journal).</summary>
    public int Workers { get; init; } = 32;

    /// <summary>Seconds of load on each server before anything is measured: long enough for the JIT's final tier (comparison).</summary>
    public int WarmupSeconds { get; init; } = 10;

    /// <summary>Seconds of each measured run of each server (comparison).</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>Measured runs per server, one after another in one process, to see RSS stay flat (comparison).</summary>
    public int Runs { get; init; } = 7;

    /// <summary>Starts per server for the start-to-first-answer median (comparison).</summary>
    public int Starts { get; init; } = 11;

    /// <summary>Requests sent to each server before anything is measured: past the caps, and warm for the JIT (journal).</summary>
    public int Warmup { get; init; } = 20_000;

    /// <summary>Measured refresh_jwt requests to the mock (journal).</summary>
    public int Requests { get; init; } = 20_000;

    /// <summary>Measured requests to each bare WireMock.Net baseline (journal).</summary>
    public int BaselineRequests { get; init; } = 50_000;

    /// <summary>Pauses in each measured run to weigh the heap, so growth shows as a curve, not one number.</summary>
    public int Segments { get; init; } = 4;

    public int Appends { get; init; } = 1_000_000;

    public int TokenCalls { get; init; } = 20_000;

    /// <summary>Reads <c>--name value</c> pairs; null when an argument is unknown, not the mode's, or not a positive number.</summary>
    public static BenchmarkOptions? Parse(string[] args, bool journal)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--workers" => options with { Workers = value },
                "--warmup-seconds" when !journal => options with { WarmupSeconds = value },
                "--seconds" when !journal => options with { Seconds = value },
                "--runs" when !journal => options with { Runs = value },
                "--starts" when !journal => options with { Starts = value },
                "--warmup" when journal => options with { Warmup = value },
                "--requests" when journal => options with { Requests = value },
                "--baseline-requests" when journal => options with { BaselineRequests = value },
                "--segments" when journal => options with { Segments = value },
                "--appends" when journal => options with { Appends = value },
                "--token-calls" when journal => options with { TokenCalls = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }
}
