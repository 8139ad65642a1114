using System.Diagnostics;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// run-conformance.sh builds only when an input changed. It runs here in a copy of the repository's layout with a
/// stand-in <c>dotnet</c> on PATH that records each call, so no real build runs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EntryPointBuildTests
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        echo "$1" >> "$FAKE_DOTNET_LOG"
        case "$1" in
          restore) mkdir -p "$FAKE_ROOT/artifacts/obj/$(basename "$2")" && touch "$FAKE_ROOT/artifacts/obj/$(basename "$2")/project.assets.json" ;;
          build) [ -z "${FAKE_BUILD_FAILS:-}" ] || exit 1
                 mkdir -p "$FAKE_ROOT/artifacts/bin/RefreshJwt.Conformance/release" && touch "$FAKE_ROOT/artifacts/bin/RefreshJwt.Conformance/release/RefreshJwt.Conformance.dll" ;;
        esac
        """;

    private string _root = null!;

    [SetUp]
    public void CopyLayout()
    {
        _root = Directory.CreateTempSubdirectory("refresh-jwt-entry-point-").FullName;
        File.Copy(Path.Combine(MockServer.Fixtures.Locate(), "..", "run-conformance.sh"), Path.Combine(_root, "run-conformance.sh"));
        Write("Directory.Build.props", "<Project />");
        Write("global.json", "{}");
        Write("conformance/RefreshJwt.Conformance/Program.cs", "// suite");
        Write("mock-server/RefreshJwt.MockServer/Program.cs", "// mock");
        Write("fixtures/users.json", "[]");
        Write("fake-bin/dotnet", FakeDotnet.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(Path.Combine(_root, "fake-bin/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Inputs made well before the first build, so every change the tests make is unmistakably newer.
        foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Append(_root))
        {
            File.SetLastWriteTimeUtc(entry, DateTime.UtcNow.AddHours(-1));
        }
    }

    [TearDown]
    public void RemoveLayout() => Directory.Delete(_root, recursive: true);

    [Test]
    public void First_run_restores_and_builds_and_a_second_run_builds_nothing()
    {
        var (first, firstErr) = Run();
        var (second, _) = Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { "restore", "build", "artifacts/bin/RefreshJwt.Conformance/release/RefreshJwt.Conformance.dll" }.Select(Relative)));
            Assert.That(firstErr, Does.Contain("restoring packages, first run downloads about 1 GB"));
            Assert.That(second, Is.EqualTo(new[] { Relative("artifacts/bin/RefreshJwt.Conformance/release/RefreshJwt.Conformance.dll") }), "nothing changed: no build");
        });
    }

    [TestCase("conformance/RefreshJwt.Conformance/Program.cs", "edited")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "edited")]
    [TestCase("Directory.Build.props", "edited")]
    [TestCase("conformance/RefreshJwt.Conformance/Added.cs", "added")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "removed")]
    public void A_changed_input_is_rebuilt(string path, string change)
    {
        Run();
        var full = Path.Combine(_root, path);
        if (change == "removed")
        {
            File.Delete(full);
        }
        else
        {
            File.WriteAllText(full, "// changed");
        }

        Assert.That(Run().Calls, Does.Contain("build"));
    }

    [Test]
    public void Fixtures_are_not_build_inputs()
    {
        Run();
        File.WriteAllText(Path.Combine(_root, "fixtures/users.json"), "[ ]");

        Assert.That(Run().Calls, Does.Not.Contain("build"));
    }

    [Test]
    public void Failed_build_exits_3_and_the_next_run_builds_again()
    {
        var exit = RunExit(("FAKE_BUILD_FAILS", "1"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(Run().Calls, Does.Contain("build"));
        });
    }

    private (string[] Calls, string Stderr) Run()
    {
        var (exit, calls, stderr) = Execute([]);
        Assert.That(exit, Is.Zero, stderr);
        return (calls, stderr);
    }

    private int RunExit(params (string Name, string Value)[] environment) => Execute(environment).Exit;

    private (int Exit, string[] Calls, string Stderr) Execute((string Name, string Value)[] environment)
    {
        var log = Path.Combine(_root, "calls.log");
        File.Delete(log);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_root, "run-conformance.sh"));
        start.ArgumentList.Add("--help");
        start.Environment["PATH"] = $"{Path.Combine(_root, "fake-bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_DOTNET_LOG"] = log;
        start.Environment["FAKE_ROOT"] = _root;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "run-conformance.sh did not finish");
        var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
        return (process.ExitCode, calls, stderr.GetAwaiter().GetResult());
    }

    private string Relative(string call) => call.StartsWith("artifacts/", StringComparison.Ordinal) ? Path.Combine(_root, call) : call;

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
