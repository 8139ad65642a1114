using System.Diagnostics;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// run-conformance.sh builds (for the mock job: publishes a ReadyToRun image for this machine) only when an input
/// changed. It runs here in a copy of the repository's layout with a stand-in <c>dotnet</c> on PATH that records each
/// call, so no real build runs, and a stand-in <c>uname</c> that names the machine.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EntryPointBuildTests
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        rid="" previous=""
        for argument in "$@"; do [ "$previous" = -r ] && rid="$argument"; previous="$argument"; done
        echo "$1${rid:+ -r $rid}" >> "$FAKE_DOTNET_LOG"
        name="$(basename "${2:-}")"
        case "$1" in
          restore) targets='"net10.0": {}'
                   [ -z "$rid" ] || targets="$targets, \"net10.0/$rid\": {}"
                   mkdir -p "$FAKE_ROOT/artifacts/obj/$name" && echo "{\"targets\": {$targets}}" > "$FAKE_ROOT/artifacts/obj/$name/project.assets.json" ;;
          build) [ -z "${FAKE_BUILD_FAILS:-}" ] || { echo "fake compiler: error CS1002"; exit 1; }
                 mkdir -p "$FAKE_ROOT/artifacts/bin/$name/release" && touch "$FAKE_ROOT/artifacts/bin/$name/release/$name.dll" ;;
          publish) [ -z "${FAKE_BUILD_FAILS:-}" ] || { echo "fake compiler: error CS1002"; exit 1; }
                   mkdir -p "$FAKE_ROOT/artifacts/publish/$name/release_$rid" && touch "$FAKE_ROOT/artifacts/publish/$name/release_$rid/$name.dll" ;;
        esac
        """;

    /// <summary>The machine the script sees: Linux on x86_64 unless a test says otherwise.</summary>
    private const string FakeUname = """
        #!/usr/bin/env bash
        case "$1" in
          -s) echo "${FAKE_UNAME_S:-Linux}" ;;
          -m) echo "${FAKE_UNAME_M:-x86_64}" ;;
        esac
        """;

    private static readonly string[] Mock = ["mock", "--help"];

    private const string MockPublish = "artifacts/publish/RefreshJwt.MockServer/release_linux-x64/RefreshJwt.MockServer.dll";

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
        foreach (var (name, script) in new[] { ("dotnet", FakeDotnet), ("uname", FakeUname) })
        {
            Write($"fake-bin/{name}", script.ReplaceLineEndings("\n"));
            File.SetUnixFileMode(Path.Combine(_root, "fake-bin", name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

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

    [Test]
    public void Mock_job_first_run_restores_and_publishes_for_this_platform_and_a_second_run_publishes_nothing()
    {
        var (first, firstErr) = Run(Mock);
        var (second, _) = Run(Mock);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { "restore -r linux-x64", "publish -r linux-x64", MockPublish }.Select(Relative)));
            Assert.That(firstErr, Does.Contain("restoring packages, first run downloads about 1 GB"));
            Assert.That(second, Is.EqualTo(new[] { Relative(MockPublish) }), "nothing changed: no publish");
        });
    }

    [TestCase("Linux", "aarch64", "linux-arm64")]
    [TestCase("Darwin", "arm64", "osx-arm64")]
    [TestCase("Darwin", "x86_64", "osx-x64")]
    public void Mock_job_publishes_for_the_machines_runtime(string system, string machine, string rid)
    {
        var calls = Execute(Mock, ("FAKE_UNAME_S", system), ("FAKE_UNAME_M", machine)).Calls;

        Assert.That(calls, Is.EqualTo(new[] { $"restore -r {rid}", $"publish -r {rid}", $"artifacts/publish/RefreshJwt.MockServer/release_{rid}/RefreshJwt.MockServer.dll" }.Select(Relative)));
    }

    [Test]
    public void Mock_job_on_another_platform_builds_and_runs_the_build_as_before()
    {
        var calls = Execute(Mock, ("FAKE_UNAME_S", "FreeBSD"), ("FAKE_UNAME_M", "amd64")).Calls;

        Assert.That(calls, Is.EqualTo(new[] { "restore", "build", "artifacts/bin/RefreshJwt.MockServer/release/RefreshJwt.MockServer.dll" }.Select(Relative)));
    }

    [TestCase("conformance/RefreshJwt.Conformance/Program.cs", "edited")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "edited")]
    [TestCase("Directory.Build.props", "edited")]
    [TestCase("conformance/RefreshJwt.Conformance/Added.cs", "added")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "removed")]
    public void A_changed_input_is_rebuilt(string path, string change)
    {
        Run();
        Change(path, change);

        Assert.That(Run().Calls, Does.Contain("build"));
    }

    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "edited")]
    [TestCase("mock-server/RefreshJwt.MockServer/Added.cs", "added")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "removed")]
    [TestCase("global.json", "edited")]
    public void A_changed_input_of_the_mock_is_published_again(string path, string change)
    {
        Run(Mock);
        Change(path, change);

        Assert.That(Run(Mock).Calls, Is.EqualTo(new[] { "publish -r linux-x64", MockPublish }.Select(Relative)), "packages restored for linux-x64 already: no restore");
    }

    [Test]
    public void The_suite_is_not_an_input_of_the_mock_job()
    {
        Run(Mock);
        Change("conformance/RefreshJwt.Conformance/Program.cs", "edited");

        Assert.That(Run(Mock).Calls, Is.EqualTo(new[] { Relative(MockPublish) }));
    }

    [Test]
    public void Mock_job_restores_for_its_platform_in_sight_after_a_build_restored_without_it()
    {
        Run(Mock);
        // What a build of the suite or the tests (no runtime identifier) leaves of the mock's restore.
        Write("artifacts/obj/RefreshJwt.MockServer/project.assets.json", """{"targets": {"net10.0": {}}}""");
        Change("mock-server/RefreshJwt.MockServer/Program.cs", "edited");
        var (calls, stderr) = Run(Mock);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(new[] { "restore -r linux-x64", "publish -r linux-x64", MockPublish }.Select(Relative)));
            Assert.That(stderr, Does.Contain("restoring packages for linux-x64"));
        });
    }

    [TestCase("--help")]
    [TestCase("mock")]
    public void Fixtures_are_not_build_inputs(string job)
    {
        string[] arguments = job == "mock" ? Mock : ["--help"];
        Run(arguments);
        File.WriteAllText(Path.Combine(_root, "fixtures/users.json"), "[ ]");

        Assert.That(Run(arguments).Calls, Has.None.StartWith("build").And.None.StartWith("publish"));
    }

    [Test]
    public void Failed_build_exits_3_and_the_next_run_builds_again()
    {
        var (exit, _, stderr) = Execute(["--help"], ("FAKE_BUILD_FAILS", "1"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(stderr, Does.Contain("fake compiler: error CS1002"), "the build's log");
            Assert.That(Run().Calls, Does.Contain("build"));
        });
    }

    [Test]
    public void Failed_publish_exits_3_with_its_log_and_the_next_run_publishes_again()
    {
        var (exit, calls, stderr) = Execute(Mock, ("FAKE_BUILD_FAILS", "1"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(calls, Has.None.EndsWith(".dll"), "nothing ran");
            Assert.That(stderr, Does.Contain("fake compiler: error CS1002"), "the publish's log");
            Assert.That(stderr, Does.Contain("error: the publish of mock-server/RefreshJwt.MockServer failed"));
            Assert.That(Run(Mock).Calls, Does.Contain("publish -r linux-x64"));
        });
    }

    private (string[] Calls, string Stderr) Run(params string[] arguments)
    {
        var (exit, calls, stderr) = Execute(arguments.Length == 0 ? ["--help"] : arguments);
        Assert.That(exit, Is.Zero, stderr);
        return (calls, stderr);
    }

    private (int Exit, string[] Calls, string Stderr) Execute(string[] arguments, params (string Name, string Value)[] environment)
    {
        var log = Path.Combine(_root, "calls.log");
        File.Delete(log);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_root, "run-conformance.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

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

    private void Change(string path, string change)
    {
        var full = Path.Combine(_root, path);
        if (change == "removed")
        {
            File.Delete(full);
        }
        else
        {
            File.WriteAllText(full, "// changed");
        }
    }

    private string Relative(string call) => call.StartsWith("artifacts/", StringComparison.Ordinal) ? Path.Combine(_root, call) : call;

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
