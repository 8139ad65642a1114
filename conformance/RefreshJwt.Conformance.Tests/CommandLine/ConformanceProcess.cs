using System.Diagnostics;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>The conformance executable run as a user runs it: a child process with its own environment.</summary>
public static class ConformanceProcess
{
    /// <summary>The built executable beside this test assembly: artifacts/bin/RefreshJwt.Conformance/&lt;configuration&gt;/.</summary>
    private static readonly string Executable = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "RefreshJwt.Conformance", new DirectoryInfo(AppContext.BaseDirectory).Name, "RefreshJwt.Conformance.dll"));

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        using var process = Start(arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A run that hangs must not outlive the test (disposing a Process does not end it).
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the conformance run {string.Join(' ', arguments)} ran longer than 3 minutes and was killed");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts the executable with its output redirected; the caller reads it and waits. With <paramref name="interruptible"/>
    /// it is started through <c>env --default-signal=INT</c>: a process started in the background by a shell inherits
    /// SIGINT ignored, and so would this child, whatever Ctrl+C handling it has.
    /// </summary>
    public static Process Start(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, bool interruptible = false)
    {
        Assert.That(File.Exists(Executable), Is.True, $"the conformance executable is not built at {Executable}");
        var start = new ProcessStartInfo(interruptible ? "env" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (interruptible)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The parent's CI settings must not leak into a child that is judged on its own flags.
        foreach (var name in new[] { "CI", "RS_PASSWORD", "RS_EXPIRED_PASSWORD", "RS_SIGNING_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
