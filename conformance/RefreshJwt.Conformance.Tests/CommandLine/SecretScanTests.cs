using System.Text.Json;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// No password and no whole token in anything a run leaves behind: console output, the four reports, the
/// snapshots. The runs are made to fail, so failure messages that quote responses full of tokens are scanned too.
/// </summary>
public sealed partial class SecretScanTests
{
    private const string AdminPassword = "Scan-Admin-Pa55word-7f3c";
    private const string ExpiredPassword = "Scan-Expired-Pa55word-91ab";

    [Test]
    public async Task A_failing_run_against_a_cluster_leaves_no_secret_behind()
    {
        var users = WriteUsers();
        using var server = DeviantServer.Start(Deviations.All.Single(d => d.Name == "refresh answers 201"), Upstream.Start(usersPath: users));
        var (reports, snapshots) = (Temporary(), Temporary());

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "scan@example.com", "--expired-username", "scan-expired@example.com",
             "--report-dir", reports, "--snapshots", "scan", "--snapshot-dir", snapshots],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = AdminPassword, ["RS_EXPIRED_PASSWORD"] = ExpiredPassword });

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), error);
        Assert.That(output, Does.Contain("«JWT {"), "failure messages quote the redacted token, so the scan has something to miss");
        AssertNoSecrets(output + error, reports, snapshots, AdminPassword, ExpiredPassword);
    }

    [Test]
    public async Task A_run_against_the_embedded_mock_leaves_no_secret_behind()
    {
        var (reports, snapshots) = (Temporary(), Temporary());

        var (exit, output, error) = await ConformanceProcess.RunAsync(["--report-dir", reports, "--snapshot-dir", snapshots]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output + error);
        Assert.That(Directory.EnumerateFiles(snapshots, "*.snap", SearchOption.AllDirectories), Is.Not.Empty);
        AssertNoSecrets(output + error, reports, snapshots, "Passw0rd!", "Expired-1");
    }

    [Test]
    public void The_scan_finds_a_planted_token_and_password()
    {
        var folder = Temporary();
        // Put together here so that no whole token stands in the repository.
        var planted = string.Join('.', "eyJhbGciOiJIUzI1NiJ9", "eyJ1aWQiOiIxIn0", "c2lnbmF0dXJlLXNpZ25hdHVyZQ");
        File.WriteAllText(Path.Combine(folder, "leak.txt"), $"token {planted} and Passw0rd!");

        Assert.That(Leaks(File.ReadAllText(Path.Combine(folder, "leak.txt")), ["Passw0rd!"]), Has.Count.EqualTo(2));
    }

    private static void AssertNoSecrets(string console, string reports, string snapshots, params string[] passwords)
    {
        var files = Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(snapshots, "*", SearchOption.AllDirectories))
            .ToList();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "junit.xml", "report.html", "summary.md", "results.json" }));
        var leaks = files.SelectMany(f => Leaks(File.ReadAllText(f), passwords).Select(l => $"{f}: {l}"))
            .Concat(Leaks(console, passwords).Select(l => $"console: {l}"));
        Assert.That(leaks, Is.Empty);
    }

    /// <summary>Every password found, and every whole compact JWS (header, payload and a real signature).</summary>
    private static List<string> Leaks(string text, string[] passwords) =>
        passwords.Where(p => text.Contains(p, StringComparison.Ordinal)).Select(p => $"password {p[..3]}…")
            .Concat(Jws().Matches(text).Select(m => $"token {m.Value[..12]}…"))
            .ToList();

    private static string WriteUsers()
    {
        var path = Path.Combine(Temporary(), "users.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new object[]
        {
            new { uid = 1, email = "scan@example.com", password = AdminPassword, name = "Scan", role = "admin", status = "active" },
            new { uid = 2, email = "scan-expired@example.com", password = ExpiredPassword, name = "Scan Expired", role = "db_viewer", status = "password_expired" },
        }));
        return path;
    }

    private static string Temporary() => Directory.CreateTempSubdirectory("refresh-jwt-scan-").FullName;

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}")]
    private static partial Regex Jws();
}
