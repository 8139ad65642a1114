using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// When the target refuses the run's credentials, exit 2's one line says which cause the answer points to (wrong
/// password, locked user, expired password) and what to do about it; and no echo of what was sent comes out in it.
/// </summary>
public sealed class RefusedCredentialsTests
{
    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return Case("an expired password", """{"error_code":"password_expired","message":"The password has expired and must be changed."}""",
            ["password of admin@example.com has expired", "set a new password"], ["locked", "wrong username"]);
        yield return Case("a locked user", """{"error_code":"user_locked","message":"The user is locked"}""",
            ["admin@example.com is locked", "30 minutes", "unlock"], ["expired", "wrong username"]);
        yield return Case("a locked user, in the message only", """{"error_code":"unauthorized","message":"Account locked after too many failed logins"}""",
            ["admin@example.com is locked"], ["expired"]);
        yield return Case("a plain 401", "", ["wrong username or password", "--username", "RS_PASSWORD", "locked"], ["expired"]);
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task A_refused_probe_names_the_likely_cause_and_the_fix(string body, string[] says, string[] doesNotSay)
    {
        var refusing = new Deviation("refuses every authorize", [], Answer: (q, _) =>
            q.IsAuthorize ? new ProxyResponse(401, body.Length == 0 ? null : "application/json", body) : null);
        using var server = DeviantServer.Start(refusing);

        var (exit, output, error) = await RunAsync(server.Url, "Passw0rd!");

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage), output + error);
        var line = error.TrimEnd('\n');
        Assert.That(line, Does.StartWith("error: ").And.Not.Contain('\n'), "one line");
        Assert.That(says.Where(s => !line.Contains(s, StringComparison.Ordinal)), Is.Empty, line);
        Assert.That(doesNotSay.Where(s => line.Contains(s, StringComparison.Ordinal)), Is.Empty, line);
    }

    [Test]
    public async Task A_target_that_echoes_a_refused_password_gets_none_of_it_into_the_error_line()
    {
        var seen = new SeenSecrets();
        using var server = DeviantServer.Start(seen.Recording(Echoes.Everything));
        const string Wrong = "Not+The'Pa55<w>&rd/é-0c4d";

        var (exit, output, error) = await RunAsync(server.Url, Wrong);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage), output + error);
        Assert.That(error, Does.Contain("echo"), "the target's echo reached the error line: the scan has something to find");
        var scan = seen.Scan(new Dictionary<string, string> { ["console"] = output + error }, [Wrong]);
        TestContext.Out.WriteLine($"{seen.PasswordsSent} passwords sent, {scan.Windows} pieces and {scan.SecretForms} forms looked for: {scan.Hits.Count} hits");
        Assert.That(scan.Hits, Is.Empty);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string url, string password) =>
        ConformanceProcess.RunAsync(
            ["--target", url, "--username", "admin@example.com", "--report-dir", Directory.CreateTempSubdirectory("refresh-jwt-refused-").FullName],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = password });

    private static TestCaseData Case(string name, string body, string[] says, string[] doesNotSay) =>
        new TestCaseData(body, says, doesNotSay).SetArgDisplayNames(name);
}
