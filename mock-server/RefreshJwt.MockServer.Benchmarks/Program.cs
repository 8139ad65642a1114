using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using RefreshJwt.MockServer.Benchmarks;

// The mock against a bare Kestrel app and a bare WireMock.Net server under wrk's load (default), or its journal against WireMock.Net's
// own log (journal); mock-server/BENCHMARKS.md explains the numbers. "serve kestrel|wiremock" is a baseline's process.
if (args is ["serve", var kind])
{
    return await Baselines.ServeAsync(kind, Encoding.UTF8.GetBytes(Comparison.SigningKey));
}

var journalMode = args is ["journal", ..];
var options = BenchmarkOptions.Parse(journalMode ? args[1..] : args, journalMode);
if (options is null)
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, "
    + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {File.ReadAllText("/proc/loadavg").Trim()}; {options}");

if (journalMode)
{
    await JournalBenchmark.RunAsync(options);
    return 0;
}

return await Comparison.RunAsync(options);
