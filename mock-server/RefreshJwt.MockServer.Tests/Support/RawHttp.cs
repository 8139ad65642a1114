using System.Net.Sockets;
using System.Text;

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
}
