using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// The mock's executable, run as <c>dotnet RefreshJwt.MockServer.dll</c> from the test output folder, with its
/// output collected line by line. Every wait has a timeout.
/// </summary>
internal sealed class StandaloneMock : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StandaloneMock(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(MockCommandLine.SigningKeyVariable);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _stdout.Enqueue(line);
                _firstLine.TrySetResult(line);
            }
            else
            {
                _firstLine.TrySetException(new InvalidOperationException($"stdout closed before a line; stderr: {string.Join(" | ", _stderr)}"));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _stderr.Enqueue(line);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The mock's dll, built next to the tests with its runtimeconfig.json.</summary>
    public static string DllPath => typeof(MockServerHost).Assembly.Location;

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    public static StandaloneMock Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) => new(args, environment);

    /// <summary>Runs the executable until it exits by itself; for arguments it must refuse.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)> RunToExitAsync(params string[] args)
    {
        using var mock = Start(args);
        var exitCode = await mock.ExitCodeAsync();
        return (exitCode, mock.Stdout, mock.Stderr);
    }

    /// <summary>The first stdout line, which must be the base URL.</summary>
    public Task<string> FirstLineAsync() => _firstLine.Task.WaitAsync(Timeout);

    /// <summary>Sends a real SIGTERM (Process.Kill would be SIGKILL) and returns the exit code.</summary>
    public async Task<int> SignalAsync(string signal = "TERM")
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(Timeout);
        return await ExitCodeAsync();
    }

    /// <summary>Waits for the exit and for the end of both output streams.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
