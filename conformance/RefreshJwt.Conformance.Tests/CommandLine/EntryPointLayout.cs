using System.Diagnostics;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// A copy of the repository's layout around run-conformance.sh, with a stand-in <c>dotnet</c> on PATH that records
/// each call (so no real build runs) and a stand-in <c>uname</c> that names the machine.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class EntryPointLayout : IDisposable
{
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        rid="" previous="" own=""
        for argument in "$@"; do
          [ "$previous" = -r ] && rid="$argument"
          case "$argument" in -p:ArtifactsPath=*) own=" (own artifacts)" ;; esac
          previous="$argument"
        done
        echo "$1${rid:+ -r $rid}$own" >> "$FAKE_DOTNET_LOG"
        name="$(basename "${2:-}")"
        case "$1" in
          test) [ "${2:-}" != --help ] || printf 'Options:\n  --filter <EXPRESSION>  Run tests that match.\n  -c, --configuration <CONFIGURATION>\n' ;;
          restore) targets='"net10.0": {}'
                   [ -z "$rid" ] || targets="$targets, \"net10.0/$rid\": {}"
                   mkdir -p "$FAKE_ROOT/artifacts/obj/$name" && echo "{\"targets\": {$targets}}" > "$FAKE_ROOT/artifacts/obj/$name/project.assets.json" ;;
          build) [ -z "${FAKE_BUILD_FAILS:-}" ] || { echo "fake compiler: error CS1002"; exit 1; }
                 mkdir -p "$FAKE_ROOT/artifacts/bin/$name/release" && touch "$FAKE_ROOT/artifacts/bin/$name/release/$name.dll" ;;
          publish) [ -z "${FAKE_PUBLISH_FAILS:-}" ] || { echo "fake compiler: error CS1002"; exit 1; }
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

    private readonly string _root;

    public EntryPointLayout()
    {
        _root = Directory.CreateTempSubdirectory("refresh-jwt-entry-point-").FullName;
        File.Copy(System.IO.Path.Combine(MockServer.Fixtures.Locate(), "..", "run-conformance.sh"), System.IO.Path.Combine(_root, "run-conformance.sh"));
        Write("Directory.Build.props", "<Project />");
        Write("global.json", "{}");
        Write("conformance/RefreshJwt.Conformance/Program.cs", "// suite");
        Write("mock-server/RefreshJwt.MockServer/Program.cs", "// mock");
        Write("fixtures/users.json", "[]");
        foreach (var (name, script) in new[] { ("dotnet", FakeDotnet), ("uname", FakeUname) })
        {
            Write($"fake-bin/{name}", script.ReplaceLineEndings("\n"));
            File.SetUnixFileMode(System.IO.Path.Combine(_root, "fake-bin", name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Inputs made well before the first build, so every change the tests make is unmistakably newer.
        foreach (var entry in Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Append(_root))
        {
            File.SetLastWriteTimeUtc(entry, DateTime.UtcNow.AddHours(-1));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>What the last <see cref="Execute"/> printed on stdout.</summary>
    public string Stdout { get; private set; } = "";

    /// <summary>A path inside the layout.</summary>
    public string Path(string relative) => System.IO.Path.Combine(_root, relative);

    public (int Exit, string[] Calls, string Stderr) Execute(string[] arguments, params (string Name, string Value)[] environment)
    {
        var log = System.IO.Path.Combine(_root, "calls.log");
        File.Delete(log);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(System.IO.Path.Combine(_root, "run-conformance.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{System.IO.Path.Combine(_root, "fake-bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_DOTNET_LOG"] = log;
        start.Environment["FAKE_ROOT"] = _root;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        Stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "run-conformance.sh did not finish");
        WaitForBackgroundPublish();
        var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
        return (process.ExitCode, calls, stderr.GetAwaiter().GetResult());
    }

    /// <summary>A background publish holds a temporary stamp until it ends (renamed on success, removed otherwise).</summary>
    private void WaitForBackgroundPublish()
    {
        var stamps = System.IO.Path.Combine(_root, "artifacts/stamps");
        var waited = Stopwatch.StartNew();
        while (Directory.Exists(stamps) && Directory.EnumerateFiles(stamps).Any(f => !f.EndsWith(".stamp", StringComparison.Ordinal)))
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), () => "the background publish did not end: " + string.Join(", ", Directory.EnumerateFiles(stamps)));
            Thread.Sleep(20);
        }
    }

    public void Change(string path, string change)
    {
        var full = System.IO.Path.Combine(_root, path);
        if (change == "removed")
        {
            File.Delete(full);
        }
        else
        {
            File.WriteAllText(full, "// changed");
        }
    }

    public string Relative(string call) => call.StartsWith("artifacts/", StringComparison.Ordinal) ? System.IO.Path.Combine(_root, call) : call;

    private void Write(string path, string text)
    {
        var full = System.IO.Path.Combine(_root, path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
