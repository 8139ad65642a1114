namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// run-conformance.sh builds only when an input changed; the mock job starts from a plain build and publishes a
/// ReadyToRun image for this machine in the background, which later starts use. Run in an <see cref="EntryPointLayout"/>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EntryPointBuildTests
{
    private static readonly string[] Mock = ["mock", "--help"];

    private static string Publish(string rid) => $"publish -r {rid} (own artifacts)";

    private const string MockPublish = "artifacts/publish/RefreshJwt.MockServer/release_linux-x64/RefreshJwt.MockServer.dll";
    private const string MockBuild = "artifacts/bin/RefreshJwt.MockServer/release/RefreshJwt.MockServer.dll";

    private EntryPointLayout _layout = null!;

    [SetUp]
    public void CopyLayout() => _layout = new EntryPointLayout();

    [TearDown]
    public void RemoveLayout() => _layout.Dispose();

    [Test]
    public void First_run_restores_and_builds_and_a_second_run_builds_nothing()
    {
        var (first, firstErr) = Run();
        var (second, _) = Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new[] { "restore", "build", "artifacts/bin/RefreshJwt.Conformance/release/RefreshJwt.Conformance.dll" }.Select(_layout.Relative)));
            Assert.That(firstErr, Does.Contain("restoring packages, first run downloads about 1 GB"));
            Assert.That(second, Is.EqualTo(new[] { _layout.Relative("artifacts/bin/RefreshJwt.Conformance/release/RefreshJwt.Conformance.dll") }), "nothing changed: no build");
        });
    }

    [Test]
    public void Mock_job_first_run_starts_from_a_build_and_publishes_the_image_beside_it_for_the_next_start()
    {
        var (first, firstErr) = Run(Mock);
        var (second, _) = Run(Mock);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EquivalentTo(new[] { "restore", "build", MockBuild, Publish("linux-x64") }.Select(_layout.Relative)));
            Assert.That(firstErr, Does.Contain("restoring packages, first run downloads about 1 GB"));
            Assert.That(firstErr, Does.Contain("preparing a faster start for next time, in the background"));
            Assert.That(second, Is.EqualTo(new[] { _layout.Relative(MockPublish) }), "nothing changed: the image starts, nothing is built");
        });
    }

    [TestCase("Linux", "aarch64", "linux-arm64")]
    [TestCase("Darwin", "arm64", "osx-arm64")]
    [TestCase("Darwin", "x86_64", "osx-x64")]
    public void Mock_job_publishes_for_the_machines_runtime(string system, string machine, string rid)
    {
        var calls = _layout.Execute(Mock, ("FAKE_UNAME_S", system), ("FAKE_UNAME_M", machine)).Calls;

        Assert.That(calls, Is.EquivalentTo(new[] { "restore", "build", MockBuild, Publish(rid) }.Select(_layout.Relative)));
    }

    [Test]
    public void Mock_job_on_another_platform_builds_and_runs_the_build_as_before()
    {
        var calls = _layout.Execute(Mock, ("FAKE_UNAME_S", "FreeBSD"), ("FAKE_UNAME_M", "amd64")).Calls;

        Assert.That(calls, Is.EqualTo(new[] { "restore", "build", MockBuild }.Select(_layout.Relative)));
    }

    [TestCase("conformance/RefreshJwt.Conformance/Program.cs", "edited")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "edited")]
    [TestCase("Directory.Build.props", "edited")]
    [TestCase("conformance/RefreshJwt.Conformance/Added.cs", "added")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "removed")]
    public void A_changed_input_is_rebuilt(string path, string change)
    {
        Run();
        _layout.Change(path, change);

        Assert.That(Run().Calls, Does.Contain("build"));
    }

    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "edited")]
    [TestCase("mock-server/RefreshJwt.MockServer/Added.cs", "added")]
    [TestCase("mock-server/RefreshJwt.MockServer/Program.cs", "removed")]
    [TestCase("global.json", "edited")]
    public void A_changed_input_of_the_mock_starts_a_build_and_is_published_again(string path, string change)
    {
        Run(Mock);
        _layout.Change(path, change);

        Assert.That(Run(Mock).Calls, Is.EquivalentTo(new[] { "build", MockBuild, Publish("linux-x64") }.Select(_layout.Relative)));
    }

    [Test]
    public void The_suite_is_not_an_input_of_the_mock_job()
    {
        Run(Mock);
        _layout.Change("conformance/RefreshJwt.Conformance/Program.cs", "edited");

        Assert.That(Run(Mock).Calls, Is.EqualTo(new[] { _layout.Relative(MockPublish) }));
    }

    [Test]
    public void A_publish_under_way_is_not_started_twice()
    {
        Directory.CreateDirectory(_layout.Path("artifacts/image"));
        // .NET locks a file opened without sharing with flock(2), the lock the script's publish takes.
        using (new FileStream(_layout.Path("artifacts/image/publish.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.That(Run(Mock).Calls, Is.EqualTo(new[] { "restore", "build", MockBuild }.Select(_layout.Relative)));
        }

        Assert.That(Run(Mock).Calls, Does.Contain(Publish("linux-x64")), "no image yet: the next start publishes it");
    }

    [TestCase("--help")]
    [TestCase("mock")]
    public void Fixtures_are_not_build_inputs(string job)
    {
        string[] arguments = job == "mock" ? Mock : ["--help"];
        Run(arguments);
        File.WriteAllText(_layout.Path("fixtures/users.json"), "[ ]");

        Assert.That(Run(arguments).Calls, Has.None.StartWith("build").And.None.StartWith("publish"));
    }

    [Test]
    public void Help_names_the_three_jobs_before_the_runs_options()
    {
        var (calls, _) = Run("--help");

        Assert.That(calls[^1], Does.EndWith("RefreshJwt.Conformance.dll"), "then the run's own --help");
        Assert.That(_layout.Stdout, Does.Contain("./run-conformance.sh mock [options]").And.Contain("./run-conformance.sh test [options]"));
    }

    [TestCase("--bogus", "--bogus")]
    [TestCase("--filter=X --bogus=1", "--bogus")]
    public void Test_job_names_an_unknown_option_in_one_line_and_runs_nothing(string arguments, string unknown)
    {
        var (exit, calls, stderr) = _layout.Execute(["test", .. arguments.Split(' ')]);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(stderr.TrimEnd().Split('\n'), Is.EqualTo(new[] { $"error: ./run-conformance.sh test: unknown option {unknown} (the test job takes dotnet test's options, for example --filter NAME; see dotnet test --help)" }));
            Assert.That(calls, Is.EqualTo(new[] { "test" }), "only dotnet test --help was asked");
        });
    }

    [Test]
    public void Failed_build_exits_3_and_the_next_run_builds_again()
    {
        var (exit, _, stderr) = _layout.Execute(["--help"], ("FAKE_BUILD_FAILS", "1"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(3));
            Assert.That(stderr, Does.Contain("fake compiler: error CS1002"), "the build's log");
            Assert.That(Run().Calls, Does.Contain("build"));
        });
    }

    [Test]
    public void Failed_publish_leaves_the_mock_on_its_build_and_the_next_start_publishes_again()
    {
        var (exit, calls, _) = _layout.Execute(Mock, ("FAKE_PUBLISH_FAILS", "1"));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero, "the mock ran from its build");
            Assert.That(calls, Does.Contain(_layout.Relative(MockBuild)));
            Assert.That(File.ReadAllText(_layout.Path("artifacts/image/publish.log")), Does.Contain("fake compiler: error CS1002"), "the publish's log");
            Assert.That(Run(Mock).Calls, Is.EquivalentTo(new[] { MockBuild, Publish("linux-x64") }.Select(_layout.Relative)));
        });
    }

    private (string[] Calls, string Stderr) Run(params string[] arguments)
    {
        var (exit, calls, stderr) = _layout.Execute(arguments.Length == 0 ? ["--help"] : arguments);
        Assert.That(exit, Is.Zero, stderr);
        return (calls, stderr);
    }
}
