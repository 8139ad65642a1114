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
    // Characters JSON and URLs escape: the secret must not slip out in an escaped form either.
    private const string AdminPassword = "Scan+Admin'Pa55<w>&rd/é-7f3c";
    private const string ExpiredPassword = "Scan \"Expired\" Pa55word-91ab";

    [TestCase("refresh answers 201")]
    [TestCase("refresh returns an opaque string, not a JWT")]
    public async Task A_failing_run_against_a_cluster_leaves_no_secret_behind(string deviation)
    {
        var users = WriteUsers();
        using var server = DeviantServer.Start(Deviations.All.Single(d => d.Name == deviation), Upstream.Start(profile: "rs-7.4", usersPath: users));
        var (reports, snapshots) = (Temporary(), Temporary());

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "scan@example.com", "--expired-username", "scan-expired@example.com",
             "--report-dir", reports, "--snapshots", "scan", "--snapshot-dir", snapshots],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = AdminPassword, ["RS_EXPIRED_PASSWORD"] = ExpiredPassword });

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), error);
        Assert.That(File.ReadAllText(Path.Combine(reports, "results.json")), Does.Contain("«JWT {").And.Contain("access_token"), "the evidence holds redacted tokens, so the scan has something to miss");
        AssertNoSecrets(output + error, reports, snapshots, AdminPassword, ExpiredPassword, "opaque-");
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
        passwords.SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1], Uri.EscapeDataString(p) })
            .Distinct()
            .Where(p => text.Contains(p, StringComparison.Ordinal)).Select(p => $"secret {p[..3]}…")
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
