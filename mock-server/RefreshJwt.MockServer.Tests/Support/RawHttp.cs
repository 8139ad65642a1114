using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>HTTP/1.1 written by hand, for what HttpClient will not send: a header twice, a header of a megabyte.</summary>
internal static class RawHttp
{
    /// <summary>Sends one request and returns the status code of the answer (0 if the server closed without one).</summary>
    public static async Task<int> SendAsync(string baseUrl, string method, string path, IEnumerable<string> headers)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Length: 0\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer (431) and close before it has read a huge header: read what it said.
        }

        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync(timeout.Token);
        return statusLine is null ? 0 : int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes <paramref name="request"/> exactly (head and whatever body bytes it holds), optionally half-closes, and
    /// reads the whole answer until the server closes. Status 0: no answer; <see cref="RawResponse.Reset"/>: the
    /// connection was reset rather than closed.
    /// </summary>
    public static async Task<RawResponse> ExchangeAsync(string baseUrl, byte[] request, bool halfClose = false, TimeSpan? timeout = null)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        await client.ConnectAsync(uri.Host, uri.Port, cancel.Token);
        var stream = client.GetStream();
        var reset = false;
        try
        {
            await stream.WriteAsync(request, cancel.Token);
            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything: read what it said.
        }

        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (IOException)
        {
            reset = true;
        }

        return RawResponse.Parse(received.ToArray(), reset, clock.Elapsed);
    }

    /// <summary>A request head (request line and headers, Host first unless <paramref name="host"/> is null) and a body.</summary>
    public static byte[] Request(string requestLine, string? host, IEnumerable<string> headers, byte[]? body = null)
    {
        var head = new StringBuilder(requestLine).Append("\r\n");
        if (host is not null)
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return [.. Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()), .. body ?? []];
    }
}

/// <summary>An answer read off the socket: status line, headers, body (de-chunked), and how the connection ended.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool Reset, TimeSpan Elapsed)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public static RawResponse Parse(byte[] bytes, bool reset, TimeSpan elapsed)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), "", reset, elapsed);
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)), reset, elapsed);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(chunked[at..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return body.ToString();
    }
}
