using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// Leaks tested the way an attacker looks for them. A recording proxy in front of the target learns every value the
/// target issued during a run, without any of the suite's code; after the run, the console, every report file and
/// every snapshot are scanned for any 12-character piece of any issued signature (and of any issued payload), and
/// for each password in plain, JSON-escaped and URL-escaped form, in the raw text and in its HTML-, JSON- and
/// URL-decoded readings. Zero hits.
/// </summary>
public sealed class SecretScanTests
{
    private const int PieceLength = SeenSecrets.PieceLength;

    // Characters JSON, HTML and URLs escape: the secret must not slip out in an escaped form either.
    private const string AdminPassword = "Scan+Admin'Pa55<w>&rd/é-7f3c";
    private const string ExpiredPassword = "Scan \"Expired\" Pa55word-91ab";

    private static readonly string[] Passwords = [AdminPassword, ExpiredPassword];

    [Test]
    public async Task A_passing_run_against_the_mock_leaves_no_piece_of_any_issued_token([Values("rs-7.8", "rs-7.4")] string profile)
    {
        var scan = await RunThroughRecordingProxyAsync(Deviation.None, profile, ExitCodes.Ok);

        Assert.That(scan.Hits, Is.Empty);
    }

    [TestCase("refresh answers 201")]
    [TestCase("refresh returns an opaque string, not a JWT")]
    [TestCase("refresh skips the signature check")]
    [TestCase("refresh fails with 500 on tokens it cannot parse")]
    public async Task A_failing_run_leaves_no_piece_of_any_issued_token(string deviation)
    {
        var scan = await RunThroughRecordingProxyAsync(Deviations.All.Single(d => d.Name == deviation), "rs-7.4", ExitCodes.Failed);

        Assert.That(scan.Hits, Is.Empty);
    }

    [Test]
    public async Task A_run_against_a_target_that_echoes_every_request_leaks_no_form_of_any_credential_sent([Values("rs-7.8", "rs-7.4")] string profile)
    {
        var scan = await RunThroughRecordingProxyAsync(Echoes.Everything, profile, ExitCodes.Ok);

        Assert.That(scan.Hits, Is.Empty);
    }

    [Test]
    public void The_scan_finds_a_planted_piece_of_a_signature_and_every_form_of_a_password()
    {
        var token = Upstream.Sign(new JsonObject { ["iat"] = 1_800_000_000, ["exp"] = 1_800_000_300, ["uid"] = "1" });
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var recorder = new SeenSecrets();
        recorder.Collect(new JsonObject { ["access_token"] = token }.ToJsonString());
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("scan@example.com:" + AdminPassword + "-wrong"));
        var headers = new Dictionary<string, string> { ["Authorization"] = "Basic " + basic };
        recorder.CollectSent(new ProxyRequest("POST", "/v1/users/authorize", headers, null));
        var clean = "PASS  MUST  V01  «JWT {\"alg\":\"HS256\"} {\"uid\":\"1\"} signature: 43 characters»\n";
        var outputs = new Dictionary<string, string>
        {
            ["clean"] = clean,
            ["piece"] = clean + $"refused JWT «…».{signature.Substring(17, PieceLength)}!",
            ["piece, JSON-escaped around it"] = $"{{\"reason\":\"x\\u002B{signature.Substring(3, PieceLength)}\\u002B\"}}",
            ["password, plain"] = clean + AdminPassword,
            ["password, JSON-escaped"] = JsonSerializer.Serialize(new { password = AdminPassword }),
            ["password, URL-escaped"] = "body: password=" + Uri.EscapeDataString(AdminPassword),
            ["password, HTML-escaped"] = "<td>" + WebUtility.HtmlEncode(AdminPassword) + "</td>",
            ["piece of a Basic value sent"] = $"echo: Basic …{basic.Substring(20, PieceLength)}…",
            ["password, JSON-escaped twice"] = JsonSerializer.Serialize(new { echo = JsonSerializer.Serialize(new { password = AdminPassword }) }),
            ["wrong password sent, cut short"] = "echo: " + (AdminPassword + "-wrong")[15..],
        };

        var scan = recorder.Scan(outputs, Passwords);

        Assert.That(scan.Hits.Select(h => h.Split(':')[0]).Distinct(), Is.EquivalentTo(outputs.Keys.Where(k => k != "clean")));
        Assert.That(recorder.Scan(new Dictionary<string, string> { ["eleven"] = signature.Substring(17, PieceLength - 1) }, Passwords).Hits, Is.Empty, "a shorter piece is not a leak");
    }

    /// <summary>Runs the suite through a recording proxy in front of a mock with <paramref name="deviation"/>, then scans what it left.</summary>
    private static async Task<ScanResult> RunThroughRecordingProxyAsync(Deviation deviation, string profile, int expectedExit)
    {
        var issued = new SeenSecrets();
        using var server = DeviantServer.Start(issued.Recording(deviation), Upstream.Start(profile: profile, usersPath: WriteUsers()));
        var (reports, snapshots) = (Temporary(), Temporary());

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "scan@example.com", "--expired-username", "scan-expired@example.com",
             "--report-dir", reports, "--snapshots", "scan", "--snapshot-dir", snapshots],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = AdminPassword, ["RS_EXPIRED_PASSWORD"] = ExpiredPassword });

        Assert.That(exit, Is.EqualTo(expectedExit), output + error);
        var files = Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(snapshots, "*", SearchOption.AllDirectories))
            .ToList();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "junit.xml", "report.html", "summary.md", "results.json" }));
        Assert.That(files.Count(f => f.EndsWith(".snap", StringComparison.Ordinal)), Is.GreaterThan(40), "every case's snapshot is scanned");
        Assert.That(issued.Count, Is.GreaterThanOrEqualTo(10), "the proxy saw the tokens of a whole run (identical claims in the same second make identical tokens): the scan has something to find");
        var outputs = files.ToDictionary(f => Path.GetRelativePath(Path.GetTempPath(), f), File.ReadAllText);
        outputs["console"] = output + error;

        var scan = issued.Scan(outputs, Passwords);
        TestContext.Out.WriteLine(
            $"{deviation.Name} ({profile}): {issued.Count} distinct values issued, {scan.Windows} distinct {PieceLength}-character pieces " +
            $"({scan.SignatureWindows} of signatures) and {scan.SecretForms} secret forms of {issued.PasswordsSent} passwords sent looked for in " +
            $"{outputs.Count} outputs ({files.Count} files and the console, {scan.Characters / 1024} KiB): {scan.Hits.Count} hits");
        return scan;
    }

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
}
