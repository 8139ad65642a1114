using System.Diagnostics;
using System.Globalization;
using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// The mock for client developers without .NET: one self-contained linux-x64 file (published once for the fixture),
/// started with no <c>dotnet</c> on PATH and no .NET variables, from an empty folder.
/// </summary>
[NonParallelizable]
public sealed class SingleFileTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private string _work = null!;
    private string _executable = null!;

    [OneTimeSetUp]
    public async Task Publish()
    {
        Assume.That(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64, "the single file is built for linux-x64");
        _work = Directory.CreateTempSubdirectory("refresh-jwt-single-file-").FullName;
        var repository = Path.GetFullPath(Path.Combine(Fixtures.Locate(), ".."));
        var output = Path.Combine(_work, "publish");
        TestContext.Progress.WriteLine("publishing the single-file mock for linux-x64 ...");
        var (exitCode, log) = await RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", repository, null,
            "publish", Path.Combine(repository, "mock-server/RefreshJwt.MockServer"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-p:PublishSingleFile=true", "-nologo", "-o", output, $"-p:ArtifactsPath={Path.Combine(_work, "artifacts")}");
        Assert.That(exitCode, Is.Zero, $"dotnet publish failed:\n{log}");
        _executable = Path.Combine(output, "RefreshJwt.MockServer");
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (_work is not null)
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public void Publish_is_one_file()
    {
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(_executable)!).Select(Path.GetFileName), Is.EqualTo(new[] { "RefreshJwt.MockServer" }));
    }

    [Test]
    public async Task Starts_and_answers_with_no_dotnet_on_PATH()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_work, "empty")).FullName;
        var start = new ProcessStartInfo(_executable, ["--http", "--port", "0", "--quiet"])
        {
            WorkingDirectory = empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = empty;
        start.Environment["HOME"] = empty;
        using var process = Process.Start(start)!;
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            using var http = new HttpClient { BaseAddress = new Uri(firstLine!) };
            using var login = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Headers = { Authorization = MockUnderTest.Basic(TestUsers.Admin) } };
            using var response = await http.SendAsync(login);
            var token = await response.AccessTokenAsync();
            using var refresh = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt") { Headers = { { "Authorization", $"JWT {token}" } } };
            using var refreshed = await http.SendAsync(refresh);

            Assert.Multiple(() =>
            {
                Assert.That(start.Environment.Keys, Has.None.StartsWith("DOTNET"));
                Assert.That(File.Exists(Path.Combine(empty, "dotnet")), Is.False);
                Assert.That(firstLine, Does.Match("^http://127\\.0\\.0\\.1:[0-9]+$"));
                Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "profiles and users came from inside the file");
            });
        }
        finally
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        Assert.That(process.ExitCode, Is.Zero, "SIGTERM stops it cleanly");
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string file, string directory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        return (process.ExitCode, await stdout + await stderr);
    }
}
