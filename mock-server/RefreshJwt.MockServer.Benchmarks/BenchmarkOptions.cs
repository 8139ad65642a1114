using System.Globalization;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>Request and call counts; the defaults take about a minute on a 2-core machine.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage =
        "usage: [journal] [--workers 32] [--warmup 20000] [--requests 20000] [--runs 5] [--starts 5] [--baseline-requests 50000] [--segments 4] [--appends 1000000] [--token-calls 20000]";

    /// <summary>Concurrent HTTP workers, each with one request in flight on its own connection.</summary>
    public int Workers { get; init; } = 32;

    /// <summary>Requests sent to each server before anything is measured: past the caps, and long enough for the JIT's final tier.</summary>
    public int Warmup { get; init; } = 20_000;

    /// <summary>Measured refresh_jwt requests to the mock (journal mode), or to each server in each run (comparison).</summary>
    public int Requests { get; init; } = 20_000;

    /// <summary>Measured runs per server in the comparison, one after another in one process, to see RSS stay flat.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Starts per server for the start-to-first-answer median.</summary>
    public int Starts { get; init; } = 5;

    /// <summary>Measured requests to each bare WireMock.Net baseline.</summary>
    public int BaselineRequests { get; init; } = 50_000;

    /// <summary>Pauses in each measured run to weigh the heap, so growth shows as a curve, not one number.</summary>
    public int Segments { get; init; } = 4;

    public int Appends { get; init; } = 1_000_000;

    public int TokenCalls { get; init; } = 20_000;

    /// <summary>Reads <c>--name value</c> pairs; null when an argument is unknown or not a positive number.</summary>
    public static BenchmarkOptions? Parse(string[] args)
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
                "--warmup" => options with { Warmup = value },
                "--requests" => options with { Requests = value },
                "--runs" => options with { Runs = value },
                "--starts" => options with { Starts = value },
                "--baseline-requests" => options with { BaselineRequests = value },
                "--segments" => options with { Segments = value },
                "--appends" => options with { Appends = value },
                "--token-calls" => options with { TokenCalls = value },
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
