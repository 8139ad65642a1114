using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary><c>--observe</c>, <c>--fidelity</c> and <c>--compare</c> as a user runs them: files, lines, exit codes.</summary>
public sealed class CalibrationCommandLineTests
{
    private const string Password = "Passw0rd!";

    private static IEnumerable<TestCaseData> UsageErrors()
    {
        yield return Usage(["--compare", "/etc/hostname"], "--compare");
        yield return Usage(["--compare", "/etc/hostname", "/no/such/results.json"], "--compare /no/such/results.json: no such file");
        yield return Usage(["--compare", "/etc/hostname", "/etc/hostname", "--fidelity"], "--compare runs nothing");
        yield return Usage(["--compare", "/etc/hostname", "/etc/hostname"], "/etc/hostname is not a results.json of this suite");
        yield return Usage(["--observe", "/no/such/folder/profile.json"], "no such folder");
    }

    [TestCaseSource(nameof(UsageErrors))]
    public async Task Bad_calibration_usage_exits_2_with_one_line(string[] arguments, string expected)
    {
        var (exit, _, error) = await ConformanceProcess.RunAsync(arguments);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.Contains(expected));
    }

    [Test]
    public async Task Fidelity_against_a_server_exits_0_and_writes_the_profile_the_comparison_and_the_report_section()
    {
        // A cluster tells its version on GET /v1/bootstrap; the profile's provenance carries it.
        var lenient = Dialects.Lenient();
        using var server = DeviantServer.Start(lenient with
        {
            Answer = (q, u) => q is { Method: "GET", Path: "/v1/bootstrap" } && q.Headers.GetValueOrDefault("Authorization")?.StartsWith("Basic ", StringComparison.Ordinal) == true
                ? new ProxyResponse(200, "application/json", """{"bootstrap_status":{"state":"completed"},"local_node_info":{"software_version":"7.8.2-34"}}""")
                : lenient.Answer?.Invoke(q, u),
        });
        var folder = Directory.CreateTempSubdirectory("refresh-jwt-cli-").FullName;
        var profile = Path.Combine(folder, "cluster-profile.json");

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "admin@example.com", "--expired-username", "expired@example.com", "--mock-control", "--fidelity", "--observe", profile, "--report-dir", folder],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = Password, ["RS_EXPIRED_PASSWORD"] = "Expired-1", ["RS_SIGNING_KEY"] = Upstream.SigningKey });

        var cases = ConformanceRunner.Catalogue().Count;
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output + error);
        Assert.That(output, Does.Contain($"fidelity: {cases}/{cases} cases identical").And.Contain("observed profile: "));
        var written = new[] { profile, Path.Combine(folder, Calibrator.ProfileFile), Path.Combine(folder, Calibrator.FidelityFile), Path.Combine(folder, Calibrator.MockReports, ReportWriter.Json) };
        Assert.That(written.Where(f => !File.Exists(f)), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(folder, ReportWriter.Html)), Does.Contain("id=\"fidelity\"").And.Contain($"fidelity: {cases}/{cases} cases identical"));
        var observed = File.ReadAllText(profile);
        Assert.That(observed, Does.Contain("\"clusterVersion\": \"7.8.2-34\"").And.Contain("\"passwordExpiredStatus\": 403").And.Contain($"\"target\": \"{new Uri(server.Url).Authority}\""));
        Assert.That(new[] { Password, "Expired-1", Upstream.SigningKey, "eyJ", "admin@example.com" }.Where(observed.Contains), Is.Empty, "no secret in the profile");
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Compare_of_two_runs_that_differ_exits_1_and_names_the_differences()
    {
        var folder = Directory.CreateTempSubdirectory("refresh-jwt-cli-").FullName;
        var before = await RunAsync(Deviation.None, Path.Combine(folder, "before"));
        var after = await RunAsync(Dialects.Terse(), Path.Combine(folder, "after"));

        var different = await ConformanceProcess.RunAsync(["--compare", before, after, "--report-dir", folder]);
        var same = await ConformanceProcess.RunAsync(["--compare", before, before, "--report-dir", folder]);

        Assert.That(different.ExitCode, Is.EqualTo(ExitCodes.Failed), different.Error);
        Assert.That(different.Output, Does.Contain("fidelity: 0/3 cases identical").And.Contain("N01 differs:").And.Contain("status 400 → 422"));
        Assert.That(same.ExitCode, Is.EqualTo(ExitCodes.Ok), same.Error);
        Assert.That(same.Output, Does.Contain("fidelity: 3/3 cases identical"));
        Assert.That(File.ReadAllText(Path.Combine(folder, Calibrator.FidelityFile)), Does.Contain("fidelity: 3/3 cases identical"));
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<string> RunAsync(Deviation deviation, string folder)
    {
        using var server = DeviantServer.Start(deviation);
        var result = await ConformanceRunner.RunAsync(server.Settings("N01", "T04", "V13"), TextWriter.Null);
        ReportWriter.Write(result, folder);
        return Path.Combine(folder, ReportWriter.Json);
    }

    private static TestCaseData Usage(string[] arguments, string expected) =>
        new TestCaseData(arguments, expected).SetArgDisplayNames(string.Join(' ', arguments));
}
