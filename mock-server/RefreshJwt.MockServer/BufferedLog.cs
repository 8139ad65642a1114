using System.Text;
using System.Threading.Channels;

namespace RefreshJwt.MockServer;

/// <summary>
/// The request log of the standalone mock: lines are queued by the request that makes them and written by one
/// background task through a buffered writer, in batches at most 10 ms apart. A request never waits on the
/// console (Console.Out locks and flushes on every line) unless 10,000 lines are already waiting: then it waits, so
/// memory stays bounded and no line is dropped.
/// </summary>
public sealed class BufferedLog : IAsyncDisposable
{
    private const int MaxQueued = 10_000;

    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(10);

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(MaxQueued)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly StreamWriter _writer;
    private Task _drain = Task.CompletedTask;

    public BufferedLog(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024) { AutoFlush = false };
    }

    /// <summary>Queues a line; written once <see cref="Start"/> has been called.</summary>
    public void Write(string line)
    {
        if (!_lines.Writer.TryWrite(line))
        {
            _lines.Writer.WriteAsync(line).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Starts writing: call it once whatever must come first (the base URL) is out.</summary>
    public void Start() => _drain = Task.Run(DrainAsync);

    /// <summary>Writes every queued line, flushes, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _drain;
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    private async Task DrainAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync())
        {
            // What arrives in the next few milliseconds goes out in the same write: under load, hundreds of lines per
            // write and one wake-up instead of one each, and no line waits longer than that to be seen.
            await Task.Delay(GatherTime);
            while (reader.TryRead(out var line))
            {
                await _writer.WriteLineAsync(line);
            }

            await _writer.FlushAsync();
        }
    }
}
