using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// Whole requests generated from a fixed seed — method, path, Authorization, other headers, body and its framing —
/// written on raw sockets to one mock. Whatever arrives: an answer (no reset, no silence), never a 5xx, never a 200 for
/// a token the mock did not issue, and every token it issues lives 1 to 86400 s.
/// </summary>
public sealed class RequestFuzzTests
{
    private const int Parallelism = 8;
    private const int MaxBody = 64 * 1024;

    private static readonly string[] Methods = ["POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Paths =
    [
        "/v1/users/refresh_jwt", "/v1/users/refresh_jwt", "/v1/users/refresh_jwt", "/v1/users/authorize", "/v1/users/authorize",
        "/v1/users/1", "/v1/users/2", "/v1/users/0x1", "/v1/users/refresh_jwt/", "/v1/users", "/v1/other", "/__mock/clock",
        "/v1/users/refresh_jwt?ttl=60", "/V1/USERS/REFRESH_JWT", "/v1/users/%2e%2e/authorize", "//v1/users/refresh_jwt",
    ];

    private MockUnderTest _mock = null!;
    private string _valid = null!;
    private readonly ConcurrentDictionary<string, bool> _issued = new();

    private enum Framing
    {
        ContentLength,
        Chunked,
        BadChunk,
        ShorterContentLength,
        OverTheCap,
    }

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _mock = MockUnderTest.Start(maxBodyBytes: MaxBody);
        _valid = await _mock.TokenAsync(ttl: 86400);
        _issued[_valid] = true;
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task No_generated_request_gets_a_5xx_a_reset_or_a_token_the_mock_did_not_issue() =>
        await Deterministic.ForAllAsync(Request(_valid), seed: 20261130, count: 2500, Parallelism, async request =>
        {
            var response = await RawHttp.ExchangeAsync(_mock.Host.BaseUrl, request.Serialize(new Uri(_mock.Host.BaseUrl).Authority), timeout: TimeSpan.FromSeconds(30));
            if (response.Reset || response.Status == 0)
            {
                return $"no answer ({(response.Reset ? "reset" : "closed")})";
            }

            if (response.Status >= 500)
            {
                return $"answered {response.Status}: {response.Body}";
            }

            return response.Status == 200 ? JudgeSuccess(request, response) : null;
        });

    /// <summary>A 200 on a token endpoint came from a token the mock issued; any token in it lives 1..86400 s.</summary>
    private string? JudgeSuccess(FuzzRequest request, RawResponse response)
    {
        var authorization = request.Headers.FirstOrDefault(h => h.StartsWith("Authorization:", StringComparison.Ordinal))?["Authorization:".Length..].Trim();
        var tokenEndpoint = request.Path.Contains("/v1/users/", StringComparison.OrdinalIgnoreCase) && !request.Path.Contains("authorize", StringComparison.OrdinalIgnoreCase);
        if (tokenEndpoint && authorization is not null && !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var space = authorization.IndexOf(' ');
            var presented = space < 0 ? "" : authorization[(space + 1)..].Trim(' ');
            if (!_issued.ContainsKey(presented))
            {
                return $"200 for a token the mock did not issue: {authorization}";
            }
        }

        if (request.Method == "HEAD" || !response.Body.Contains("access_token", StringComparison.Ordinal))
        {
            return null;
        }

        var token = response.Json().GetProperty("access_token").GetString()!;
        _issued[token] = true;
        var segments = token.Split('.');
        if (segments.Length != 3)
        {
            return $"issued a token of {segments.Length} segments";
        }

        using var claims = JsonDocument.Parse(TokenForge.Decode(segments[1]));
        var lifetime = claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64();
        return lifetime is >= 1 and <= 86400 ? null : $"issued a token living {lifetime} s";
    }

    private static Gen<FuzzRequest> Request(string valid) =>
        Gen.Select(Gen.OneOf(Methods), Gen.OneOf(Paths), Authorization(valid), OtherHeaders, Body, Gen.Enum<Framing>(), Gen.Int[1, 4096],
            (method, path, authorization, headers, body, framing, chunk) =>
                new FuzzRequest(method, path, [.. authorization, .. headers], body, framing, chunk));

    private static Gen<string[]> Authorization(string valid) => Gen.Frequency(
        (2, Gen.Const(Array.Empty<string>())),
        (4, Gen.Const(new[] { $"Authorization: JWT {valid}" })),
        (3, Generators.Mutation(valid).Select(t => new[] { $"Authorization: JWT {t}" })),
        (3, Generators.MalformedToken(valid, MockUnderTest.FrozenAt.ToUnixTimeSeconds()).Select(t => new[] { $"Authorization: JWT {t}" })),
        (2, Generators.AuthorizationHeader(valid).Select(h => new[] { $"Authorization: {h}" })),
        (1, Gen.Const(new[] { $"Authorization: JWT {valid}", $"Authorization: JWT {valid}" })),
        (2, Gen.OneOf(TestUsers.Admin, TestUsers.Expired, new Credentials("admin@example.com", "wrong"))
            .Select(u => new[] { $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{u.Email}:{u.Password}"))}" })));

    private static readonly Gen<string[]> OtherHeaders = Gen.OneOf(
        "Content-Type: application/json", "Content-Type: application/json; charset=utf-16", "Content-Type: text/plain", "Content-Type: ;;;",
        "Content-Encoding: gzip", "Expect: 100-continue", "Accept: */*", "X-Forwarded-For: 10.0.0.1", "Cookie: a=b", "Accept-Charset: \u00ff")
        .Array[0, 3];

    private static readonly Gen<string> TtlValue = Gen.OneOf(
        Gen.Int[-5, 90_000].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "1", "86400", "86401", "1.5", "1e400", "-0", "1E3", "\"60\"", "null", "true", "[]", "{}", "60 ", "0x10"));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (3, Gen.Const(Array.Empty<byte>())),
        (6, TtlValue.Select(v => Encoding.UTF8.GetBytes($$"""{"ttl": {{v}}}"""))),
        (1, TtlValue.Select(v => Encoding.UTF8.GetBytes($$"""{"ttl": 60, "ttl": {{v}}}"""))),
        (1, Gen.Const(Encoding.UTF8.GetBytes("""{"username": "admin@example.com", "password": "Passw0rd!", "ttl": 600}"""))),
        (1, Gen.Int[1, 5000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
        (2, Gen.Byte.Array[1, 300]),
        (1, Gen.String[Gen.Char.AlphaNumeric, 1, 300].Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Int[MaxBody - 16, MaxBody + 16].Select(n => Encoding.UTF8.GetBytes("{\"ttl\": 60}".PadRight(n)))),
        (1, Gen.Int[MaxBody + 1, 4 * MaxBody].Select(n => new byte[n])));

    /// <summary>One generated request and how its body is framed on the wire.</summary>
    private sealed record FuzzRequest(string Method, string Path, string[] Headers, byte[] Body, Framing Framing, int ChunkSize)
    {
        public byte[] Serialize(string host)
        {
            var headers = new List<string>(Headers) { "Connection: close" };
            var body = Body;
            switch (Framing)
            {
                case Framing.ContentLength:
                    headers.Add($"Content-Length: {Body.Length}");
                    break;
                case Framing.Chunked or Framing.BadChunk:
                    headers.Add("Transfer-Encoding: chunked");
                    var chunked = new MemoryStream();
                    if (Framing == Framing.BadChunk)
                    {
                        chunked.Write("ZZZ\r\n"u8);
                    }

                    foreach (var piece in Body.Chunk(ChunkSize))
                    {
                        chunked.Write(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"));
                        chunked.Write(piece);
                        chunked.Write("\r\n"u8);
                    }

                    chunked.Write("0\r\n\r\n"u8);
                    body = chunked.ToArray();
                    break;
                case Framing.ShorterContentLength:
                    headers.Add($"Content-Length: {Math.Max(0, Body.Length - ChunkSize)}");
                    break;
                default:
                    headers.Add($"Content-Length: {MaxBody + ChunkSize}");
                    body = [];
                    break;
            }

            return RawHttp.Request($"{Method} {Path} HTTP/1.1", host, headers, body);
        }

        public override string ToString() =>
            $"{Method} {Path} [{string.Join(" | ", Headers)}] {Framing} ({ChunkSize}), body {Body.Length} bytes: {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 80)])}";
    }
}
