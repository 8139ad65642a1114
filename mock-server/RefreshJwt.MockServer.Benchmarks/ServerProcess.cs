using System.Diagnostics;
using System.Globalization;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>
/// A server under test in its own process: its first stdout line is the base URL, the rest of stdout (the mock's request
/// log) is read off the pipe in bulk and its lines counted. Stopped with SIGTERM.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _baseUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lines;

    private ServerProcess(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, _) => { };
        Started = Stopwatch.StartNew();
        _process.Start();
        _process.BeginErrorReadLine();
        _ = Task.Run(ReadStdoutAsync);
    }

    /// <summary>
    /// The first line is the base URL; after it, lines are only counted, in 64 KB reads, so that reading the mock's
    /// log costs this process (the load generator) as little as a pipe to a file would.
    /// </summary>
    private async Task ReadStdoutAsync()
    {
        var stdout = _process.StandardOutput.BaseStream;
        var buffer = new byte[64 * 1024];
        var firstLine = new List<byte>();
        int read;
        while ((read = await stdout.ReadAsync(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (!_baseUrl.Task.IsCompleted)
            {
                var end = span.IndexOf((byte)'\n');
                firstLine.AddRange(end < 0 ? span : span[..end]);
                if (end < 0)
                {
                    continue;
                }

                _baseUrl.TrySetResult(System.Text.Encoding.UTF8.GetString([.. firstLine]).TrimEnd('\r'));
                span = span[(end + 1)..];
            }

            Interlocked.Add(ref _lines, span.Count((byte)'\n'));
        }

        _baseUrl.TrySetException(new InvalidOperationException("the server closed stdout before printing its base URL"));
    }

    /// <summary>Runs from just before the process starts.</summary>
    public Stopwatch Started { get; }

    /// <summary>Lines the server wrote after its base URL: its request log.</summary>
    public long LogLines => Interlocked.Read(ref _lines);

    public static ServerProcess Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment) =>
        new(program, args, environment);

    /// <summary>The program the process runs now: after an <c>exec</c>, the one it became.</summary>
    public string Program => new FileInfo($"/proc/{_process.Id}/exe").LinkTarget ?? "";

    public async Task<string> BaseUrlAsync() => await _baseUrl.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Resident memory of the server process, from /proc (VmRSS).</summary>
    public long Rss()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time the server process has used (user and system), from /proc/PID/stat: unaffected by how busy the machine is.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
