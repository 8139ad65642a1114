using System.Globalization;
using RefreshJwt.Conformance.Tests.CommandLine;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>
/// Memory stays bounded whatever a target sends: a whole run of the executable against a target answering every
/// authorize after the first with 50 MB and every refresh with an endless body stays under 400 MB of RSS (the process
/// and any it starts), writes a small report, and fails the cases that got those answers.
/// </summary>
public sealed class MemoryTests
{
    private const long Limit = 400L * 1024 * 1024;

    [Test]
    public async Task A_run_against_huge_and_endless_answers_stays_under_400_MB_and_fails()
    {
        var authorizes = 0;
        using var cluster = new HostileCluster(r => r.Path switch
        {
            "/v1/users/authorize" when Interlocked.Increment(ref authorizes) > 1 =>
                Answer.Huge(HostileCluster.Signed("{\"alg\":\"HS256\"}", "{\"uid\":1}"), 50_000_000),
            "/v1/users/refresh_jwt" => Answer.Endless,
            _ => null,
        });
        var reports = Directory.CreateTempSubdirectory("refresh-jwt-memory-").FullName;
        using var run = ConformanceProcess.Start(
            ["--target", cluster.Url, "--username", HostileCluster.Username, "--report-dir", reports, "--timeout", "20", "--max-leeway", "2"],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = HostileCluster.Password });

        var peak = 0L;
        var exiting = run.ExitCodeAsync(TimeSpan.FromMinutes(3));
        while (!exiting.IsCompleted)
        {
            peak = Math.Max(peak, TreeRss(run.Id));
            await Task.WhenAny(exiting, Task.Delay(50));
        }

        var exit = await exiting;
        var results = new FileInfo(Path.Combine(reports, "results.json"));
        TestContext.Out.WriteLine($"exit {exit}, peak RSS of the process tree {peak / 1024 / 1024} MB, results.json {results.Length / 1024} KB");
        Assert.That(exit, Is.EqualTo(1), run.Stderr);
        Assert.That(peak, Is.LessThan(Limit));
        Assert.That(results.Length, Is.LessThan(10 * 1024 * 1024));
        Assert.That(run.Stdout, Does.Contain("answer larger than 1 MiB"));
        Directory.Delete(reports, recursive: true);
    }

    /// <summary>The resident memory of a process and all its descendants, from /proc; 0 once it is gone.</summary>
    private static long TreeRss(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)))
        {
            try
            {
                var text = File.ReadAllText($"/proc/{stat}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                parents[int.Parse(stat!, CultureInfo.InvariantCulture)] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while the tree was read.
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                grew |= tree.Contains(parent) && tree.Add(pid);
            }
        }

        return tree.Sum(Rss);
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
