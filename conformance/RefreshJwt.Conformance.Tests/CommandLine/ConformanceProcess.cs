using RefreshJwt.Conformance.Tests.Packaging;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>The conformance executable run as a user runs it: a <see cref="ChildProcess"/> with its own environment.</summary>
public static class ConformanceProcess
{
    /// <summary>The built executable beside this test assembly: artifacts/bin/RefreshJwt.Conformance/&lt;configuration&gt;/.</summary>
    private static readonly string Executable = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "RefreshJwt.Conformance", new DirectoryInfo(AppContext.BaseDirectory).Name, "RefreshJwt.Conformance.dll"));

    /// <summary>A run that hangs must not outlive the test.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var run = Start(arguments, environment);
        var exitCode = await run.ExitCodeAsync(Timeout);
        return (exitCode, run.Stdout, run.Stderr);
    }

    /// <summary>
    /// Starts the executable; the caller waits. With <paramref name="interruptible"/> it is started through
    /// <c>env --default-signal=INT</c>: a process started in the background by a shell inherits SIGINT ignored, and so
    /// would this child, whatever Ctrl+C handling it has.
    /// </summary>
    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, bool interruptible = false)
    {
        Assert.That(File.Exists(Executable), Is.True, $"the conformance executable is not built at {Executable}");
        string[] command = interruptible ? ["--default-signal=INT", "dotnet", Executable] : [Executable];
        return ChildProcess.Start(interruptible ? "env" : "dotnet", [.. command, .. arguments], Directory.GetCurrentDirectory(), environment);
    }
}
