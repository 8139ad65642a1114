using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>
/// A small cluster of the test's own on a <see cref="HostileServer"/>: authorize issues HS256 tokens, refresh renews
/// a token it issued while it lives, anything else gets 401. <paramref name="deviate"/> answers a request its own way
/// (returning null leaves it to the cluster); <paramref name="mint"/> makes the tokens (header and claims JSON to token).
/// </summary>
public sealed class HostileCluster(Func<HostileRequest, Answer?>? deviate = null, Func<string, string, string>? mint = null) : IDisposable
{
    public const string Username = "admin@example.com";
    public const string Password = "Passw0rd!";

    private static readonly byte[] Key = Encoding.UTF8.GetBytes("hostile-cluster-key-0123456789abcdef");
    private readonly ConcurrentDictionary<string, long> _expiries = new();
    private HostileServer? _server;

    public string Url => Server.Url;

    /// <summary>The body of every 401 the cluster answers.</summary>
    public string UnauthorizedBody { get; init; } = "{\"error_code\":\"unauthorized\"}";

    private HostileServer Server => _server ??= new HostileServer(r => deviate?.Invoke(r) ?? Faithful(r));

    /// <summary>A run of <paramref name="cases"/> (all when none) against this cluster: short timeout and leeway, no admin API.</summary>
    public RunSettings Settings(params string[] cases) => new()
    {
        Target = new Uri(Url),
        Username = Username,
        Password = Password,
        Cases = cases,
        Timeout = TimeSpan.FromSeconds(3),
        MaxLeeway = 2,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "refresh-jwt-hostile", Guid.NewGuid().ToString("N")),
    };

    /// <summary>A signed HS256 token (the cluster's own way).</summary>
    public static string Signed(string header, string claims)
    {
        var input = $"{Encode(header)}.{Encode(claims)}";
        return $"{input}.{Base64Url.EncodeToString(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(input)))}";
    }

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>What a faithful cluster answers.</summary>
    public Answer Faithful(HostileRequest request)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ttl = Ttl(request.Body);
        var token = request.Authorization is { } a && a.StartsWith("JWT ", StringComparison.Ordinal) ? a[4..] : null;
        return request.Path switch
        {
            "/v1/users/authorize" when request.Authorization == Basic || request.Body.Contains(Password, StringComparison.Ordinal) => Issue(now, ttl),
            "/v1/users/refresh_jwt" when token is not null && _expiries.TryGetValue(token, out var exp) && now < exp =>
                ttl is < 1 or > 86400 ? Answer.Json(400, "{\"error_code\":\"invalid_schema\"}") : Issue(now, ttl),
            _ when request.Path.StartsWith("/v1/users/", StringComparison.Ordinal) && request.Method == "GET"
                && token is not null && _expiries.ContainsKey(token) =>
                Answer.Json(200, "{\"uid\":1,\"email\":\"admin@example.com\"}"),
            _ => Answer.Json(401, UnauthorizedBody),
        };
    }

    public void Dispose() => _server?.Dispose();

    private static string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    private Answer Issue(long now, long ttl)
    {
        var claims = $"{{\"uid\":1,\"iat\":{now},\"exp\":{now + ttl},\"jti\":\"{Guid.NewGuid():N}\"}}";
        var token = (mint ?? Signed)("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
        _expiries[token] = now + ttl;
        return Answer.Json(200, JsonSerializer.Serialize(new { access_token = token }));
    }

    private static long Ttl(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("ttl", out var ttl) && ttl.TryGetInt64(out var seconds) ? seconds : 600;
        }
        catch (JsonException)
        {
            return 600;
        }
    }
}
