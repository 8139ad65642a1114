using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Tests.Power;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// What a user or CI sees of the executable: exit 0 when every MUST case holds, 1 when one fails, 2 with one line
/// on stderr (never a stack trace) when nothing could be judged.
/// </summary>
public sealed class ExitCodeTests
{
    private const string Password = "Passw0rd!";

    /// <summary>Where exit 3 puts the details, as README names it.</summary>
    private const string ErrorLog = "refresh-jwt-conformance-error.log";

    private static IEnumerable<TestCaseData> UsageErrors()
    {
        yield return Usage(["--no-such-flag"], "--no-such-flag");
        yield return Usage(["--target", "cluster.example:9443", "--username", "u"], "--target must be an http or https URL");
        yield return Usage(["--target", "https://cluster.example:9443"], "--target needs --username");
        yield return Usage(["--target", "https://cluster.example:9443", "--username", "u"], "set RS_PASSWORD");
        yield return Usage(["--username", "u"], "--username needs --target");
        yield return Usage(["--case", "Z99"], "unknown case id(s): Z99");
        yield return Usage(["--insecure", "--ca-cert", "/etc/hostname"], "--insecure and --ca-cert exclude each other");
        yield return Usage(["--ca-cert", "/no/such/ca.pem"], "no such file");
        yield return Usage(["--timeout", "0"], "--timeout must be from 1 to 300");
        yield return Usage(["--timeout", "x"], "'x' for option '--timeout' as a whole number");
        yield return Usage(["--max-leeway", "x"], "'x' for option '--max-leeway' as a whole number");
        yield return Usage(["--authorize", "sometimes"], "sometimes");
        yield return Usage(["--mock-control"], "--mock-control needs --target");
        yield return Usage(["--max-leeway", "-1"], "--max-leeway must be from 0 to 3600");
        yield return Usage(["--report-dir", "/etc/hostname"], "--report-dir /etc/hostname is a file: name a folder");
    }

    [TestCaseSource(nameof(UsageErrors))]
    public async Task Bad_usage_exits_2_with_one_line(string[] arguments, string expected)
    {
        var (exit, _, error) = await ConformanceProcess.RunAsync(arguments);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.Contains(expected));
    }

    [Test]
    public async Task A_report_folder_that_cannot_be_made_exits_2_before_anything_is_judged()
    {
        var notAFolder = Path.Combine(Temporary(), "file");
        File.WriteAllText(notAFolder, "");

        var (exit, output, error) = await ConformanceProcess.RunAsync(["--case", "V01", "--report-dir", Path.Combine(notAFolder, "reports")]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output, Does.Not.Contain("V01"), "nothing was judged");
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.StartsWith("error: cannot write the reports to "));
    }

    [Test]
    public async Task List_prints_the_catalogue_and_exits_0()
    {
        var (exit, output, _) = await ConformanceProcess.RunAsync(["--list"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(Runner.ConformanceRunner.Catalogue().Select(c => $"| {c.Id} |"), Is.All.Matches<string>(output.Contains));
    }

    [Test]
    public async Task Case_ids_are_read_without_regard_to_case()
    {
        var (exit, output, _) = await ConformanceProcess.RunAsync(["--case", "v01,n02a", "--snapshots", "none", "--report-dir", Temporary()]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(output, Does.Contain("V01 ").And.Contain("N02a ").And.Contain("1 passed, 0 failed, 0 warnings, 0 skipped; 1 INFO recorded"));
    }

    [Test]
    public async Task An_unreachable_target_exits_2()
    {
        var (exit, _, error) = await ConformanceProcess.RunAsync(["--target", "http://127.0.0.1:9", "--username", "admin@example.com"], Secret(Password));

        Assert.That((exit, error.Trim()), Is.EqualTo((ExitCodes.Usage, "error: cannot reach the target: connection refused (127.0.0.1:9)")));
    }

    [Test]
    public async Task Refused_credentials_exit_2_without_the_password()
    {
        using var mock = Upstream.Start();

        var (exit, _, error) = await ConformanceProcess.RunAsync(["--target", mock.Mock.BaseUrl, "--username", "admin@example.com"], Secret("not-the-password"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("refused the credentials of admin@example.com").And.Not.Contain("not-the-password"));
    }

    [Test]
    public async Task A_failed_must_case_exits_1()
    {
        using var server = DeviantServer.Start(Deviations.All.Single(d => d.Name == "refresh answers 201"));

        var (exit, output, _) = await ConformanceProcess.RunAsync(["--target", server.Url, "--username", "admin@example.com", "--case", "V01,V02", "--report-dir", Temporary()], Secret(Password));

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("FAIL  MUST   V01").And.Contain("PASS  MUST   V02").And.Contain("1 passed, 1 failed"));
    }

    [Test]
    public async Task A_slow_answer_is_waited_for_with_a_progress_line_every_few_seconds()
    {
        // The first refresh takes 9 s: the console must say what it waits for, not stay silent until the answer.
        var slowed = 0;
        var slow = new Deviation("answers the first refresh after 9 s", [], Answer: (q, _) =>
        {
            if (q.IsRefresh && Interlocked.Exchange(ref slowed, 1) == 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(9));
            }

            return null;
        });
        using var server = DeviantServer.Start(slow);

        var (exit, output, _) = await ConformanceProcess.RunAsync(["--target", server.Url, "--username", "admin@example.com", "--case", "V01", "--report-dir", Temporary()], Secret(Password));

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output);
        Assert.That(output.Split('\n').Count(l => l.Contains("V01: waiting for the answer to \"refresh a valid token\"", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), output);
    }

    [Test]
    public async Task A_harness_exception_after_the_case_body_exits_3_and_the_case_never_reads_pass()
    {
        // A snapshot folder that cannot be made (a file named like the password): the snapshot compare throws after
        // V01's body has passed, with the password in its message.
        using var server = DeviantServer.Start(Deviation.None);
        var notAFolder = Path.Combine(Temporary(), Password);
        File.WriteAllText(notAFolder, "");
        var reports = FolderWithAnEarlierRunsReports();

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "admin@example.com", "--case", "V01,V02", "--snapshots", "x", "--snapshot-dir", notAFolder, "--report-dir", reports],
            Secret(Password));

        Assert.That(exit, Is.EqualTo(ExitCodes.Internal));
        Assert.That(output, Does.Not.Contain("PASS").And.Not.Contain("V02"), "nothing is judged after the harness broke");
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.StartsWith("internal error: case V01: DirectoryNotFoundException"));
        Assert.That(error, Does.Contain("«password»").And.Contain($"(details in {Path.Combine(reports, ErrorLog)})").And.Not.Contain(Password));
        AssertOnlyJunitSaysWhyTheRunEnded(reports, "internal", error.Trim());
        Assert.That(File.ReadAllText(Path.Combine(reports, ErrorLog)), Does.Contain("DirectoryNotFoundException").And.Not.Contain(Password), "this run's details");
    }

    [Test]
    public async Task Ctrl_c_puts_back_what_the_run_changed_on_a_mock_target_and_exits_130()
    {
        // N01 (no Authorization header) runs after V08 and E01 have moved the clock: the proxy holds it while Ctrl+C comes.
        using var held = new ManualResetEventSlim();
        using var server = DeviantServer.Start(HoldsN01(held));
        var reports = FolderWithAnEarlierRunsReports();
        using var run = ConformanceProcess.Start(["--target", server.Url, "--username", "admin@example.com", "--mock-control", "--report-dir", reports], Secret(Password), interruptible: true);

        Assert.That(held.Wait(TimeSpan.FromMinutes(1)), Is.True, "the run reached N01");
        var moved = server.Upstream.Mock.Clock.Offset;
        var exit = await run.SignalAsync("INT", TimeSpan.FromMinutes(1));

        TestContext.Out.WriteLine($"exit {exit}\nstdout: {run.Stdout}\nstderr: {run.Stderr}");
        Assert.That(moved, Is.GreaterThan(TimeSpan.Zero), "the clock had been moved before Ctrl+C");
        Assert.That(exit, Is.EqualTo(ExitCodes.Interrupted), run.Stdout);
        Assert.That(run.Stderr, Does.Contain("interrupted: what the run changed on the target has been put back"));
        Assert.That(run.Stdout, Does.Not.Contain("N02a"), "no case after N01 ran");
        Assert.That(server.Upstream.Mock.Clock.Offset, Is.EqualTo(TimeSpan.Zero));
        AssertOnlyJunitSaysWhyTheRunEnded(reports, "interrupted", run.Stderr.Split('\n').Single(l => l.StartsWith("interrupted: ", StringComparison.Ordinal)));
        Assert.That(File.Exists(Path.Combine(reports, ErrorLog)), Is.False, "no error log of an earlier run is left");
    }

    [Test]
    public async Task Ctrl_c_exits_130_with_one_more_line_when_junit_cannot_be_written()
    {
        using var held = new ManualResetEventSlim();
        using var server = DeviantServer.Start(HoldsN01(held));
        var reports = Temporary();
        using var run = ConformanceProcess.Start(["--target", server.Url, "--username", "admin@example.com", "--report-dir", reports], Secret(Password), interruptible: true);

        Assert.That(held.Wait(TimeSpan.FromMinutes(1)), Is.True, "the run reached N01");
        Directory.Delete(reports, recursive: true);
        File.WriteAllText(reports, "the report folder is now a file");
        var exit = await run.SignalAsync("INT", TimeSpan.FromMinutes(1));

        Assert.That(exit, Is.EqualTo(ExitCodes.Interrupted), run.Stdout + run.Stderr);
        Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr.TrimEnd().Split('\n')[^1], Does.StartWith($"error: cannot write the reports to {reports}: "));
    }

    [Test]
    public async Task Mock_control_against_a_target_without_an_admin_api_exits_2()
    {
        using var server = DeviantServer.Start(Deviation.NoAdminApi);

        var (exit, _, error) = await ConformanceProcess.RunAsync(["--target", server.Url, "--username", "admin@example.com", "--mock-control", "--report-dir", Temporary()], Secret(Password));

        Assert.That((exit, error.Trim()), Is.EqualTo((ExitCodes.Usage, $"error: --mock-control: {server.Url}/__mock/clock answers no mock admin API (drop --mock-control for a real cluster)")));
    }

    [Test]
    public async Task A_self_signed_target_needs_its_certificate_or_insecure()
    {
        var (certificate, key) = WritePem();
        using var mock = MockServerHost.Start(new MockServerOptions { Port = 0, CertificatePath = certificate, KeyPath = key });
        string[] run = ["--target", mock.BaseUrl, "--username", "admin@example.com", "--case", "V01", "--report-dir", Temporary()];

        var untrusted = await ConformanceProcess.RunAsync(run, Secret(Password));
        var trusted = await ConformanceProcess.RunAsync([.. run, "--ca-cert", certificate], Secret(Password));
        var insecure = await ConformanceProcess.RunAsync([.. run, "--insecure"], Secret(Password));

        Assert.That(untrusted.ExitCode, Is.EqualTo(ExitCodes.Usage));
        // One line with the project's own fix, and no advice meant for another tool's users (Node.js's options).
        Assert.That(untrusted.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), untrusted.Error);
        Assert.That(untrusted.Error, Does.StartWith("error: TLS failure").And.Contain("(use --ca-cert FILE or --insecure)")
            .And.Not.Contain("Node.js").And.Not.Contain("--use-system-ca"));
        Assert.That((trusted.ExitCode, insecure.ExitCode), Is.EqualTo((ExitCodes.Ok, ExitCodes.Ok)), trusted.Error + insecure.Error);
    }

    /// <summary>
    /// A report folder holding an earlier run's four reports and error log, and an earlier --fidelity run's comparison
    /// and calibrated mock's reports: a run that ends early must leave none of them, or a CI junit step would show that
    /// earlier run's results as this run's. The observed profile stays (it may be the profile a run is given).
    /// </summary>
    private static string FolderWithAnEarlierRunsReports()
    {
        var folder = Temporary();
        var calibratedMock = Directory.CreateDirectory(Path.Combine(folder, Calibrator.MockReports)).FullName;
        foreach (var name in new[] { ReportWriter.Junit, ReportWriter.Html, ReportWriter.Markdown, ReportWriter.Json, ErrorLog })
        {
            File.WriteAllText(Path.Combine(folder, name), "an earlier run's");
            File.WriteAllText(Path.Combine(calibratedMock, name), "an earlier run's");
        }

        File.WriteAllText(Path.Combine(folder, Calibrator.FidelityFile), "an earlier run's");
        File.WriteAllText(Path.Combine(folder, Calibrator.ProfileFile), "an earlier run's");
        return folder;
    }

    /// <summary>Exit 3 and 130 leave junit.xml alone: one HARNESS testcase whose error is the line printed on stderr.</summary>
    private static void AssertOnlyJunitSaysWhyTheRunEnded(string folder, string type, string line)
    {
        Assert.That(Directory.EnumerateFiles(folder).Select(Path.GetFileName), Is.SubsetOf(new[] { ReportWriter.Junit, ErrorLog, Calibrator.ProfileFile }), "no report of an earlier run is left");
        Assert.That(Directory.EnumerateFiles(Path.Combine(folder, Calibrator.MockReports)), Is.Empty, "no report of an earlier calibrated mock is left");
        Assert.That(File.Exists(Path.Combine(folder, Calibrator.ProfileFile)), Is.True, "an observed profile is kept");
        var junit = XDocument.Load(Path.Combine(folder, ReportWriter.Junit));
        var testcase = junit.Descendants("testcase").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)testcase.Attribute("classname"), Is.EqualTo("refresh_jwt.HARNESS"));
            Assert.That(testcase.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "error" }));
            Assert.That((string?)testcase.Element("error")?.Attribute("type"), Is.EqualTo(type));
            Assert.That((string?)testcase.Element("error")?.Attribute("message"), Is.EqualTo(line));
            foreach (var level in new[] { junit.Root!, junit.Root!.Element("testsuite")! })
            {
                Assert.That(new[] { "tests", "errors", "failures" }.Select(a => (string?)level.Attribute(a)), Is.EqualTo(new[] { "1", "1", "0" }), level.Name.LocalName);
            }
        }
    }

    /// <summary>Holds N01 (no Authorization header) for 15 s, once <paramref name="held"/> is set, so Ctrl+C comes mid-run.</summary>
    private static Deviation HoldsN01(ManualResetEventSlim held) => new("holds N01", [], Answer: (q, _) =>
    {
        if (q.IsRefresh && q.Authorization is null)
        {
            held.Set();
            Thread.Sleep(TimeSpan.FromSeconds(15));
        }

        return null;
    });

    private static TestCaseData Usage(string[] arguments, string expected) =>
        new TestCaseData(arguments, expected).SetArgDisplayNames(string.Join(' ', arguments));

    private static Dictionary<string, string?> Secret(string password) => new() { ["RS_PASSWORD"] = password };

    private static string Temporary() => Directory.CreateTempSubdirectory("refresh-jwt-cli-").FullName;

    /// <summary>A self-signed certificate for 127.0.0.1 as PEM files: what a cluster's CA file looks like to the suite.</summary>
    private static (string Certificate, string Key) WritePem()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var folder = Temporary();
        var (certificatePath, keyPath) = (Path.Combine(folder, "cluster.pem"), Path.Combine(folder, "cluster.key"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
