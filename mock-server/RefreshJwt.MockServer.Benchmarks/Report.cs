namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>One server under load: its name, what was measured, and what it kept at the end.</summary>
internal sealed record LoadRun(string Server, LoadResult Result, string Kept);

/// <summary>The measurements as Markdown tables, ready to paste into BENCHMARKS.md, and the targets checked.</summary>
internal static class Report
{
    private const double RefreshTarget = 2_000;
    private const long HeapGrowthTarget = 16L << 20;
    private const double AppendTarget = 1_000;

    /// <summary>Prints every table; the targets are checked on the mock at journal capacity 1000 and on the first micro measure, Append.</summary>
    public static void Print(BenchmarkOptions options, IReadOnlyList<LoadRun> runs, IReadOnlyList<MicroMeasure> micro)
    {
        Table(
            $"HTTP on loopback, {options.Workers} workers, after {options.Warmup:N0} warm-up requests",
            ["Server", "Requests", "req/s", "Heap after warm-up", "Heap after run", "Retained growth", "Retained bytes/request", "Kept at the end"],
            runs.Select(run => new[]
            {
                run.Server, $"{run.Result.Requests:N0}", $"{run.Result.RequestsPerSecond:N0}", Mb(run.Result.HeapBefore), Mb(run.Result.HeapAfter),
                Mb(run.Result.Growth), $"{run.Result.RetainedBytesPerRequest:N0}", run.Kept,
            }));

        Table(
            $"The same runs in {options.Segments} segments: does it stay fast and flat as it fills?",
            ["Server", "req/s per segment", "Heap after each segment (MB)"],
            runs.Select(run => new[]
            {
                run.Server, string.Join(" / ", run.Result.SegmentRates.Select(rate => $"{rate:N0}")),
                string.Join(" / ", run.Result.SegmentHeaps.Select(heap => $"{heap / 1048576.0:N1}")),
            }));

        Table(
            "Single thread",
            ["Operation", "Calls per round", "ns/call (median of 5)", "Bytes allocated/call"],
            micro.Select(m => new[] { m.Name, $"{m.Calls:N0}", $"{m.NanosecondsPerCall:N0}", $"{m.BytesPerCall:N0}" }));

        var mock = runs.First(run => run.Server == "Mock, JournalCapacity = 1,000").Result;
        var append = micro[0].NanosecondsPerCall;
        Table(
            "Targets",
            ["Target", "Measured", "Met"],
            [
                [$"refresh_jwt >= {RefreshTarget:N0} req/s at {options.Workers} connections", $"{mock.RequestsPerSecond:N0} req/s", Met(mock.RequestsPerSecond >= RefreshTarget)],
                [$"heap growth over {mock.Requests:N0} refreshes <= {Mb(HeapGrowthTarget)}, journal 1000", Mb(mock.Growth), Met(mock.Growth <= HeapGrowthTarget)],
                [$"RequestJournal.Append < {AppendTarget:N0} ns", $"{append:N0} ns", Met(append < AppendTarget)],
            ]);
    }

    private static void Table(string title, string[] header, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine($"| {string.Join(" | ", header)} |");
        Console.WriteLine($"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {string.Join(" | ", row)} |");
        }
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MB";

    private static string Met(bool met) => met ? "yes" : "**no**";
}
