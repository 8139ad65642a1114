using System.Net.Sockets;
using System.Text;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>What the hostile server does with a connection once it has read the request.</summary>
public sealed class Answer(Func<Socket, Stream, CancellationToken, Task> write)
{
    public Task WriteAsync(Socket socket, Stream stream, CancellationToken stop) => write(socket, stream, stop);

    /// <summary>These exact bytes, then the connection closes.</summary>
    public static Answer Bytes(byte[] bytes) => new(async (_, stream, stop) => await stream.WriteAsync(bytes, stop));

    /// <summary>A well-framed HTTP/1.1 answer with any status, headers and body.</summary>
    public static Answer Http(int status, string body, string? contentType = "application/json", params (string Name, string Value)[] headers) =>
        Http(status, Encoding.UTF8.GetBytes(body), contentType, headers);

    public static Answer Http(int status, byte[] body, string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} Status\r\n");
        foreach (var (name, value) in headers.Prepend(("Content-Type", contentType ?? "")).Where(h => h.Item2.Length > 0))
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return Bytes([.. Encoding.UTF8.GetBytes(head.ToString()), .. body]);
    }

    public static Answer Json(int status, string json) => Http(status, json);

    /// <summary>A redirect to another origin.</summary>
    public static Answer Redirect(int status = 307) =>
        Http(status, "{\"error\":\"moved\"}", "application/json", ("Location", "http://127.0.0.2:9/v1/users/refresh_jwt"));

    /// <summary>Reads the request and never answers (until the client gives up).</summary>
    public static Answer Silence => new(async (_, _, stop) => await Task.Delay(Timeout.Infinite, stop));

    /// <summary>Resets the connection (RST) without a byte of answer.</summary>
    public static Answer Reset => new((socket, _, _) =>
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        return Task.CompletedTask;
    });

    /// <summary>A 200 of <paramref name="bytes"/> bytes, a JSON object with a token and padding, written as the client reads it.</summary>
    public static Answer Huge(string token, long bytes) => new(async (_, stream, stop) =>
    {
        var start = Encoding.ASCII.GetBytes($"{{\"access_token\":\"{token}\",\"padding\":\"");
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
        await stream.WriteAsync(start, stop);
        var padding = Encoding.ASCII.GetBytes(new string('x', 0x10000));
        for (var left = bytes - start.Length - 2; left > 0; left -= padding.Length)
        {
            await stream.WriteAsync(padding.AsMemory(0, (int)Math.Min(left, padding.Length)), stop);
        }

        await stream.WriteAsync("\"}"u8.ToArray(), stop);
    });

    /// <summary>A 200 whose chunked body never ends: 64 KiB chunks for as long as the client reads.</summary>
    public static Answer Endless => new(async (_, stream, stop) =>
    {
        const string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string(' ', 0x10000)}\r\n");
        while (!stop.IsCancellationRequested)
        {
            await stream.WriteAsync(chunk, stop);
        }
    });
}
