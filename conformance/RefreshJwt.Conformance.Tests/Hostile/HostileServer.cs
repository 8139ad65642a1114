using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>A request as the hostile server read it: method, path, lower-case headers, body.</summary>
public sealed record HostileRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Authorization => Headers.GetValueOrDefault("authorization");
}

/// <summary>
/// A target that answers whatever bytes a test says, on raw TCP at 127.0.0.1: nothing in it is the mock's. Each
/// connection carries one request; the answer writes what it likes to the connection (or nothing, or forever) and
/// the server closes it after.
/// </summary>
public sealed class HostileServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<HostileRequest, Answer> _answer;

    public HostileServer(Func<HostileRequest, Answer> answer)
    {
        _answer = answer;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Requests read so far.</summary>
    public int Requests => _requests;

    private int _requests;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (await ReadAsync(stream) is not { } request)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            await _answer(request).WriteAsync(socket, stream, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (it read enough, or timed out): nothing more to say.
        }
    }

    private static async Task<HostileRequest?> ReadAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 256 * 1024 && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.Latin1.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        var length = int.TryParse(headers.GetValueOrDefault("content-length"), out var n) ? n : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return new HostileRequest(start[0], start.Length > 1 ? start[1] : "/", headers, Encoding.UTF8.GetString(body));
    }
}
