using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Packaging;

/// <summary>
/// The mock and the suite as a client developer gets them: <c>dotnet pack</c> (once for the fixture, into a folder of
/// its own), <c>dotnet tool install --tool-path</c> from that folder, run in a folder outside the repository.
/// </summary>
[NonParallelizable]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private static readonly string Dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private string _work = null!;
    private string _tools = null!;
    private string _outside = null!;

    [OneTimeSetUp]
    public async Task PackAndInstallBoth()
    {
        _work = Directory.CreateTempSubdirectory("refresh-jwt-tools-").FullName;
        _tools = Path.Combine(_work, "tools");
        _outside = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;
        var repository = Path.GetFullPath(Path.Combine(Fixtures.Locate(), ".."));
        var packages = Path.Combine(_work, "packages");
        foreach (var project in new[] { "mock-server/RefreshJwt.MockServer", "conformance/RefreshJwt.Conformance" })
        {
            TestContext.Progress.WriteLine($"packing {project} ...");
            var pack = await ChildProcess.RunAsync(Dotnet, ["pack", Path.Combine(repository, project), "-c", "Release", "-nologo", "-o", packages, $"-p:ArtifactsPath={Path.Combine(_work, "artifacts")}"], repository, BuildTimeout);
            Assert.That(pack.ExitCode, Is.Zero, $"dotnet pack {project} failed:\n{pack.Stdout}\n{pack.Stderr}");
        }

        foreach (var package in new[] { "RefreshJwt.MockServer", "RefreshJwt.Conformance" })
        {
            var install = await ChildProcess.RunAsync(Dotnet, ["tool", "install", "--tool-path", _tools, "--add-source", packages, package], _outside, BuildTimeout);
            Assert.That(install.ExitCode, Is.Zero, $"dotnet tool install {package} failed:\n{install.Stdout}\n{install.Stderr}");
        }
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    [Test]
    public void Fixtures_travel_inside_both_packages()
    {
        var installed = Directory.GetFiles(_tools, "*", SearchOption.AllDirectories).Select(f => f.Replace('\\', '/')).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(installed, Has.Some.Matches("refreshjwt.mockserver/.*/fixtures/profiles/rs-7.8.json$"));
            Assert.That(installed, Has.Some.Matches("refreshjwt.mockserver/.*/fixtures/users.json$"));
            Assert.That(installed, Has.Some.Matches("refreshjwt.conformance/.*/fixtures/snapshots/mock/__snapshots__/V01.snap$"));
        });
    }

    [Test]
    public async Task Installed_suite_passes_against_the_installed_mock_outside_the_repository()
    {
        const string key = "a shared HMAC key for the tool test, at least 32 bytes long";
        using var mock = ChildProcess.Start(Path.Combine(_tools, "refresh-jwt-mock"), ["--port", "0", "--quiet"], _outside,
            new Dictionary<string, string?> { ["REFRESH_JWT_MOCK_SIGNING_KEY"] = key });
        var baseUrl = await mock.FirstLineAsync(RunTimeout);

        var suite = await ChildProcess.RunAsync(
            Path.Combine(_tools, "refresh-jwt-conformance"),
            ["--target", baseUrl, "--mock-control", "--insecure", "--username", "admin@example.com", "--expired-username", "expired@example.com", "--report-dir", Path.Combine(_outside, "report")],
            _outside,
            RunTimeout,
            new Dictionary<string, string?> { ["RS_PASSWORD"] = "Passw0rd!", ["RS_EXPIRED_PASSWORD"] = "Expired-1", ["RS_SIGNING_KEY"] = key });
        var mockExit = await mock.TerminateAsync(RunTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(baseUrl, Does.Match("^https://127\\.0\\.0\\.1:[0-9]+$"), "the mock's first line is its base URL");
            Assert.That(suite.ExitCode, Is.Zero, suite.Stdout + suite.Stderr);
            Assert.That(suite.Stdout, Does.Match("[0-9]+ passed, 0 failed, 0 warnings, 0 skipped"), "everything needed for a full pass was given");
            Assert.That(mockExit, Is.Zero);
            Assert.That(mock.Stderr, Does.Contain("client report: "), "the mock judges its client when it stops");
        });
    }
}
