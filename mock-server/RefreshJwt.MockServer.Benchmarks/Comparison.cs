using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>
/// The mock against its two baselines, each in its own process, under the same load from wrk: start to first answer,
/// then refresh_jwt throughput, p50 and p99 latency, errors and resident memory over repeated runs.
/// </summary>
internal static class Comparison
{
    public const string SigningKey = "benchmark-signing-key-0123456789-benchmark-signing-key-012345678";
    private const double ThroughputTarget = 0.6;
    private const double WireMockThroughputTarget = 0.9;
    private const double P99Target = 2.0;
    private const double RssGrowthTarget = 0.10;
    private const double StartTarget = 1.5;

    private sealed record Server(string Name, string Program, string[] Args, Dictionary<string, string> Environment)
    {
        public ServerProcess Start() => ServerProcess.Start(Program, Args, Environment);
    }

    private sealed record Measured(
        Server Server, double StartMs, double StartCpuMs, long RssAfterWarmup, IReadOnlyList<WrkRun> Runs, IReadOnlyList<TimeSpan> CpuPerRun, IReadOnlyList<long> RssAfterRuns, long LogLines)
    {
        /// <summary>Server CPU time per request over all runs, in microseconds.</summary>
        public double CpuMicroseconds => CpuPerRun.Sum(c => c.TotalMicroseconds) / Runs.Sum(r => r.Requests);

        public double RequestsPerSecond => Runs.Sum(r => r.Requests) / Runs.Sum(r => r.Seconds);

        /// <summary>wrk reports percentiles per run; these are their medians over the runs.</summary>
        public double P50 => Median(Runs.Select(r => r.P50));

        public double P99 => Median(Runs.Select(r => r.P99));

        public long Errors => Runs.Sum(r => r.Errors);

        public double RssGrowth => (double)(RssAfterRuns[^1] - RssAfterRuns[0]) / RssAfterRuns[0];
    }

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        if (Wrk.Version() is not { } wrkVersion)
        {
            Console.Error.WriteLine("error: wrk is not installed (apt-get install -y wrk)");
            return 2;
        }

        var key = Encoding.UTF8.GetBytes(SigningKey);
        var token = new JwtWork(key).Issue("1", 86400);
        var self = typeof(Comparison).Assembly.Location;
        var script = Path.Combine(Fixtures.Locate(), "..", "run-conformance.sh");
        var mockEnvironment = new Dictionary<string, string> { ["REFRESH_JWT_MOCK_SIGNING_KEY"] = SigningKey };
        var servers = new List<Server>
        {
            new("Kestrel, bare (same JWT work)", Dotnet, [self, "serve", "kestrel"], []),
            new("WireMock.Net, one callback (same JWT work)", Dotnet, [self, "serve", "wiremock"], []),
            // As a user starts it: the script execs dotnet, so the process started is the mock's (checked below).
            new("Mock (run-conformance.sh mock, journal 1000, log to a pipe)", "bash", [script, "mock", "--http", "--port", "0"], mockEnvironment),
        };

        // Another build of the mock (an older commit's RefreshJwt.MockServer.dll) joins the same run, for before/after figures.
        if (Environment.GetEnvironmentVariable("REFRESH_JWT_BENCH_OTHER_MOCK") is { Length: > 0 } other)
        {
            servers.Add(new("Mock, other build (REFRESH_JWT_BENCH_OTHER_MOCK)", Dotnet, [other, "--http", "--port", "0"], mockEnvironment));
        }

        // The script's first run may build the mock: that happens here, before anything is timed.
        await PrepareAsync(script);

        using var client = HttpLoad.NewClient(1);
        var starts = new List<double>[servers.Count];
        var startCpu = new List<double>[servers.Count];
        for (var i = 0; i < servers.Count; i++)
        {
            (starts[i], startCpu[i]) = ([], []);
        }

        // Start-ups in turn, server after server, so a busy moment on a shared machine falls on all of them alike.
        for (var round = 0; round < options.Starts; round++)
        {
            for (var i = 0; i < servers.Count; i++)
            {
                using var process = servers[i].Start();
                starts[i].Add(await FirstAnswerAsync(process, client, token));
                startCpu[i].Add(process.CpuTime().TotalMilliseconds);
            }
        }

        // Then every server runs at once, idle but for the one under load; the runs take turns for the same reason.
        using var wrk = new Wrk(token, options.Workers);
        var processes = servers.Select(s => s.Start()).ToArray();
        try
        {
            var urls = new string[servers.Count];
            var rssAfterWarmup = new long[servers.Count];
            for (var i = 0; i < servers.Count; i++)
            {
                urls[i] = await processes[i].BaseUrlAsync() + Baselines.RefreshJwtPath;
                if (Path.GetFileName(processes[i].Program) == "bash")
                {
                    throw new InvalidOperationException($"{servers[i].Name}: the process is still bash, so its CPU time and RSS would be the shell's; run-conformance.sh must exec the mock");
                }

                // Long enough for tiered compilation to reach its final tier, so the runs do not drift.
                Console.Error.WriteLine($"{servers[i].Name}: warm-up, {options.WarmupSeconds} s");
                var warmup = await wrk.RunAsync(urls[i], options.WarmupSeconds);
                if (warmup.Errors > 0)
                {
                    throw new InvalidOperationException($"{servers[i].Name}: {warmup.Errors} errors in the warm-up");
                }

                rssAfterWarmup[i] = processes[i].Rss();
            }

            var runs = servers.Select(_ => new List<WrkRun>()).ToArray();
            var rss = servers.Select(_ => new List<long>()).ToArray();
            var cpu = servers.Select(_ => new List<TimeSpan>()).ToArray();
            for (var r = 0; r < options.Runs; r++)
            {
                for (var i = 0; i < servers.Count; i++)
                {
                    var cpuBefore = processes[i].CpuTime();
                    runs[i].Add(await wrk.RunAsync(urls[i], options.Seconds));
                    cpu[i].Add(processes[i].CpuTime() - cpuBefore);
                    rss[i].Add(processes[i].Rss());
                    Console.Error.WriteLine($"{servers[i].Name}: run {r + 1}, {runs[i][^1].RequestsPerSecond:N0} req/s, p99 {runs[i][^1].P99:N2} ms, {runs[i][^1].Errors} errors");
                }
            }

            // The mock writes its log in batches at most 10 ms apart: let the last one arrive before the lines are counted.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var results = servers.Select((server, i) =>
                new Measured(server, Median(starts[i]), Median(startCpu[i]), rssAfterWarmup[i], runs[i], cpu[i], rss[i], processes[i].LogLines)).ToList();
            Print(options, wrkVersion, results);
            return 0;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>
    /// <c>run-conformance.sh mock --help</c> once, so that the script's build, if any, is done before anything is timed,
    /// and the ReadyToRun image it publishes in the background is ready (a publish holds a temporary stamp until it ends).
    /// </summary>
    private static async Task PrepareAsync(string script)
    {
        Console.Error.WriteLine("run-conformance.sh mock --help (builds the mock if it changed) ...");
        using var help = Process.Start(new ProcessStartInfo("bash", [script, "mock", "--help"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = help.StandardOutput.ReadToEndAsync();
        var errors = help.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await help.WaitForExitAsync(limit.Token);
        await output;
        if (help.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} mock --help exited {help.ExitCode}: {(await errors).Trim()}");
        }

        var stamps = Path.Combine(Path.GetDirectoryName(script)!, "artifacts", "stamps");
        while (Directory.Exists(stamps) && Directory.EnumerateFiles(stamps).Any(f => !f.EndsWith(".stamp", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("waiting for the mock's ReadyToRun image (artifacts/image/publish.log) ...");
            await Task.Delay(TimeSpan.FromSeconds(2), limit.Token);
        }
    }

    /// <summary>Milliseconds from starting the process to the first 200 to a refresh: the base URL, then polling.</summary>
    private static async Task<double> FirstAnswerAsync(ServerProcess process, HttpClient client, string token)
    {
        var uri = new Uri(await process.BaseUrlAsync() + Baselines.RefreshJwtPath);
        while (process.Started.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var response = await client.SendAsync(Refresh(uri, token));
            if (response.IsSuccessStatusCode)
            {
                return process.Started.Elapsed.TotalMilliseconds;
            }
        }

        throw new TimeoutException($"{uri} gave no 200 in 60 s");
    }

    private static HttpRequestMessage Refresh(Uri uri, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("""{"ttl":600}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "JWT " + token);
        return request;
    }

    private static void Print(BenchmarkOptions options, string wrkVersion, IReadOnlyList<Measured> results)
    {
        Console.WriteLine();
        Console.WriteLine($"### Three servers, separate processes, {options.Workers} connections, {options.Runs} runs of {options.Seconds} s after a {options.WarmupSeconds} s warm-up each");
        Console.WriteLine($"Load generator: {wrkVersion}, -t{Math.Min(2, options.Workers)} -c{options.Workers}, refresh_jwt with a valid token, body {{\"ttl\":600}}. Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| Server | req/s | req/s per run | p50 ms (median of runs) | p99 ms (median of runs) | errors | server CPU µs/request | RSS after warm-up | RSS after each run (MB) | RSS growth over the runs | start to first answer, median of " + options.Starts + " (its CPU time) | log lines |");
        Console.WriteLine("|---|--:|---|--:|--:|--:|--:|--:|---|--:|--:|--:|");
        foreach (var m in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Server.Name} | {m.RequestsPerSecond:N0} | {string.Join(" / ", m.Runs.Select(r => r.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} | {m.P50:N2} | {m.P99:N2} | {m.Errors} | {m.CpuMicroseconds:N0} | {Mb(m.RssAfterWarmup)} | {string.Join(" / ", m.RssAfterRuns.Select(r => (r / 1048576.0).ToString("N0", CultureInfo.InvariantCulture)))} | {m.RssGrowth:P1} | {m.StartMs:N0} ms ({m.StartCpuMs:N0} ms) | {m.LogLines:N0} |"));
        }

        var (kestrel, wiremock, mock) = (results[0], results[1], results[2]);
        Console.WriteLine();
        Console.WriteLine("| Target | Measured | Met |");
        Console.WriteLine("|---|---|---|");
        // Ratios run by run (the runs took turns), then their median: a busy moment on a shared machine hits one run of
        // each server, not one server.
        var throughput = MedianRatio(mock, kestrel, r => r.RequestsPerSecond);
        var ceiling = MedianRatio(mock, wiremock, r => r.RequestsPerSecond);
        var p99 = MedianRatio(mock, kestrel, r => r.P99);
        Row(
            $"refresh throughput >= {ThroughputTarget}x Kestrel (or >= {WireMockThroughputTarget}x WireMock.Net), median of per-run ratios",
            $"{throughput:N2}x Kestrel, {ceiling:N2}x WireMock.Net (server CPU per request: {kestrel.CpuMicroseconds / mock.CpuMicroseconds:N2}x and {wiremock.CpuMicroseconds / mock.CpuMicroseconds:N2}x)",
            throughput >= ThroughputTarget || ceiling >= WireMockThroughputTarget);
        Row($"p99 <= {P99Target}x Kestrel's, median of per-run ratios", $"{p99:N2}x", p99 <= P99Target);
        Row("0 errors", $"{mock.Errors}", mock.Errors == 0);
        Row($"RSS flat: <= {RssGrowthTarget:P0} growth from the first run to the last", $"{mock.RssGrowth:P1}", mock.RssGrowth <= RssGrowthTarget);
        Row($"start to first answer <= {StartTarget}x Kestrel", $"{mock.StartMs / kestrel.StartMs:N2}x ({mock.StartMs:N0} vs {kestrel.StartMs:N0} ms; CPU {mock.StartCpuMs:N0} vs {kestrel.StartCpuMs:N0} ms)", mock.StartMs <= StartTarget * kestrel.StartMs);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double MedianRatio(Measured a, Measured b, Func<WrkRun, double> measure)
    {
        var ratios = a.Runs.Zip(b.Runs, (x, y) => measure(x) / measure(y)).Order().ToArray();
        return ratios[ratios.Length / 2];
    }

    private static void Row(string target, string measured, bool met) => Console.WriteLine($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");
}
