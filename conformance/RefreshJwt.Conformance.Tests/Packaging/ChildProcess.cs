using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RefreshJwt.Conformance.Tests.Packaging;

/// <summary>A program run as a user runs it (any file, any folder, its own environment), its output kept line by line; every wait is bounded.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
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

    /// <summary>The process id, to watch what it and its children use.</summary>
    public int Id => _process.Id;

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    /// <summary>Starts <paramref name="file"/> in <paramref name="directory"/>; <paramref name="environment"/> entries with a null value are removed.</summary>
    public static ChildProcess Start(string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "CI", "RS_PASSWORD", "RS_EXPIRED_PASSWORD", "RS_SIGNING_KEY", "REFRESH_JWT_MOCK_SIGNING_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new ChildProcess(start);
    }

    /// <summary>Runs to the end; a program that outlives <paramref name="timeout"/> is killed and fails the test.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var child = Start(file, arguments, directory, environment);
        var exitCode = await child.ExitCodeAsync(timeout);
        return (exitCode, child.Stdout, child.Stderr);
    }

    public Task<string> FirstLineAsync(TimeSpan timeout) => _firstLine.Task.WaitAsync(timeout);

    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList)} ran longer than {timeout}; stderr: {Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>A real SIGTERM, as a service manager sends (Process.Kill would be SIGKILL).</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => SignalAsync("TERM", timeout);

    /// <summary>A real signal (INT is Ctrl+C), then the exit code.</summary>
    public async Task<int> SignalAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await ExitCodeAsync(timeout);
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
