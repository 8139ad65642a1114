using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The suite's HTTP: one connection pool per run, redirects never followed, every request bounded by
/// <c>--timeout</c> from the first byte sent to the last byte read, and no answer read past
/// <see cref="MaxAnswerBytes"/>. Whatever comes back (or does not) becomes a <see cref="Reply"/> of some
/// <see cref="ReplyKind"/>; nothing a target sends throws.
/// </summary>
public sealed class HttpTransport : IDisposable
{
    /// <summary>The most of one answer's body the suite reads: a cluster's answers are under 2 KB.</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>The cap in words, for every message that names it.</summary>
    public const string MaxAnswerText = "1 MiB";

    private static readonly UTF8Encoding Lenient = new(false, false);

    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly int _cap;

    /// <param name="baseUrl">The target's URL; paths are sent relative to it.</param>
    /// <param name="timeout">How long one request may take, answer read included.</param>
    /// <param name="acceptAnyCertificate"><c>--insecure</c>, or the embedded mock's self-signed certificate.</param>
    /// <param name="caCertificate"><c>--ca-cert</c>: a PEM file of CAs trusted besides the system's.</param>
    /// <param name="cap">The answer cap; only tests lower it.</param>
    public HttpTransport(string baseUrl, TimeSpan timeout, bool acceptAnyCertificate, string? caCertificate, int cap = MaxAnswerBytes)
    {
        _timeout = timeout;
        _cap = cap;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Trust(acceptAnyCertificate, caCertificate) },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        BaseUrl = baseUrl.TrimEnd('/');
    }

    public string BaseUrl { get; }

    public TimeSpan Timeout => _timeout;

    /// <summary>Sends one request and reads its answer, bounded in time and size; never throws for anything the target does.</summary>
    public async Task<Reply> SendAsync(
        string method, string path, IReadOnlyDictionary<string, string> headers, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var cancel = new CancellationTokenSource(_timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var status = (int)response.StatusCode;
            var replyHeaders = HeadersOf(response);
            await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
            var (bytes, tooLarge) = await AnswerBody.ReadAsync(stream, _cap, cancel.Token);
            var text = Lenient.GetString(bytes);
            if (tooLarge)
            {
                var why = $"answer larger than {CapText}: only its first {bytes.Length} bytes are kept";
                return new Reply(status, replyHeaders, text, why, ReplyKind.TooLarge);
            }

            return status is >= 300 and < 400 && replyHeaders.TryGetValue("location", out var location)
                ? new Reply(status, replyHeaders, text, $"redirect ({status}) to {location}, not followed", ReplyKind.Redirected)
                : new Reply(status, replyHeaders, text);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return NoAnswer(ReplyKind.TimedOut, $"no complete answer within --timeout {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return Classify(e);
        }
        catch (IOException e)
        {
            return NoAnswer(ReplyKind.Dropped, $"the connection broke while the answer was read: {Innermost(e)}");
        }
    }

    public void Dispose() => _client.Dispose();

    private string CapText => _cap == MaxAnswerBytes ? MaxAnswerText : $"{_cap} bytes";

    /// <summary>A transport failure in one line: refused, TLS, dropped (with a hint when plain HTTP meets HTTPS), or too large.</summary>
    private Reply Classify(HttpRequestException e)
    {
        var detail = Innermost(e);
        var refused = e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
        return e.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => NoAnswer(ReplyKind.Unreachable, $"TLS failure: {detail} (use --ca-cert FILE or --insecure)"),
            HttpRequestError.ConnectionError when refused =>
                NoAnswer(ReplyKind.Unreachable, $"cannot reach the target: connection refused ({_client.BaseAddress!.Authority})"),
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError =>
                NoAnswer(ReplyKind.Unreachable, $"cannot reach the target: {detail}"),
            HttpRequestError.ConfigurationLimitExceeded => NoAnswer(ReplyKind.TooLarge, $"answer larger than {CapText}: {detail}"),
            _ when BaseUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && e.HttpRequestError == HttpRequestError.ResponseEnded =>
                NoAnswer(ReplyKind.Dropped, $"no answer: {detail} (an HTTPS server drops a plain HTTP request like this: {HttpsHint})"),
            _ => NoAnswer(ReplyKind.Dropped, $"no answer: {detail}"),
        };
    }

    private const string HttpsHint = "if the URL starts with http://, try https://";

    private static Reply NoAnswer(ReplyKind kind, string why) => new(0, new Dictionary<string, string>(), "", why, kind);

    private static string Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message.Split('\n')[0].Trim();
    }

    /// <summary>Response and content headers by lower-case name, repeated ones joined with a comma.</summary>
    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));

    /// <summary>The system's trust, plus a CA file's (<c>--ca-cert</c>), or none at all (<c>--insecure</c>).</summary>
    private static RemoteCertificateValidationCallback Trust(bool acceptAny, string? caFile)
    {
        var extra = new X509Certificate2Collection();
        if (caFile is not null)
        {
            extra.ImportFromPemFile(caFile);
        }

        return (_, certificate, _, errors) =>
        {
            if (acceptAny || errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (extra.Count == 0 || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(extra);
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
