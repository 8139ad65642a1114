using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>One wrk run: requests, how long, requests per second, p50 and p99 in milliseconds, and the failed requests.</summary>
internal sealed record WrkRun(long Requests, double Seconds, double RequestsPerSecond, double P50, double P99, long Errors);

/// <summary>
/// The load generator: wrk in its own process, two threads, refresh_jwt with a valid token and <c>{"ttl":600}</c>. The
/// token is in a Lua script in a temporary file, deleted at the end, and is never printed.
/// </summary>
internal sealed partial class Wrk : IDisposable
{
    /// <summary>Created by mkstemp: readable by this user only.</summary>
    private readonly string _script = Path.GetTempFileName();
    private readonly string _token;
    private readonly int _connections;

    public Wrk(string token, int connections)
    {
        (_token, _connections) = (token, connections);
        File.WriteAllText(_script, $$"""
            wrk.method = "POST"
            wrk.body = '{"ttl":600}'
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "JWT {{token}}"
            """);
    }

    /// <summary>The first line of <c>wrk -v</c> up to its copyright (<c>wrk 4.1.0 [epoll]</c>), or null when wrk is not installed.</summary>
    public static string? Version()
    {
        try
        {
            using var wrk = Process.Start(new ProcessStartInfo("wrk", ["-v"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var first = wrk.StandardOutput.ReadLine();
            wrk.StandardOutput.ReadToEnd();
            wrk.WaitForExit();
            return first?.Split(" Copyright")[0].Trim();
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    public async Task<WrkRun> RunAsync(string url, int seconds)
    {
        var start = new ProcessStartInfo("wrk", ["-t", $"{Math.Min(2, _connections)}", "-c", $"{_connections}", "-d", $"{seconds}s", "--latency", "-s", _script, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        try
        {
            await wrk.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            wrk.Kill();
            throw new TimeoutException($"wrk did not finish a {seconds} s run within {seconds + 60} s");
        }

        var text = await output;
        if (wrk.ExitCode != 0 || !RequestsPerSecondLine().IsMatch(text))
        {
            throw new InvalidOperationException($"wrk exited {wrk.ExitCode}: {(await errors).Replace(_token, "<token>", StringComparison.Ordinal).Trim()}");
        }

        var total = Total().Match(text);
        return new WrkRun(
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(total.Groups[2].Value) / 1000,
            double.Parse(RequestsPerSecondLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Percentile("50", text)),
            Milliseconds(Percentile("99", text)),
            Count(NonSuccess().Match(text)) + Count(SocketErrors().Match(text)));
    }

    public void Dispose() => File.Delete(_script);

    private static string Percentile(string percent, string text) =>
        Regex.Match(text, $@"^\s+{percent}%\s+(\S+)$", RegexOptions.Multiline).Groups[1].Value;

    /// <summary>The sum of a line's numbers; wrk prints the error lines only when they are not zero.</summary>
    private static long Count(Match line) =>
        line.Groups.Values.Skip(1).Sum(g => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0);

    /// <summary>A wrk duration (<c>812.00us</c>, <c>3.21ms</c>, <c>5.00s</c>) in milliseconds.</summary>
    private static double Milliseconds(string value)
    {
        var unit = value.TrimStart("0123456789.".ToCharArray());
        var number = double.Parse(value[..^unit.Length], CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            _ => throw new FormatException($"wrk printed a time in an unknown unit: \"{value}\""),
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)$", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s+(\d+) requests in ([0-9.]+\w+),", RegexOptions.Multiline)]
    private static partial Regex Total();

    [GeneratedRegex(@"^\s+Non-2xx or 3xx responses:\s+(\d+)$", RegexOptions.Multiline)]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"^\s+Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$", RegexOptions.Multiline)]
    private static partial Regex SocketErrors();
}
