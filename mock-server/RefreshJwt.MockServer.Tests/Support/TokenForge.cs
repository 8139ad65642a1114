using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// The suite's own JWS code: base64url and HMAC straight from the BCL, to read issued tokens and to forge bad ones.
/// It never calls the mock's TokenService or CompactJws: a checker sharing code with what it checks shares its bugs.
/// </summary>
internal static class TokenForge
{
    public const string Hs256Header = """{"alg":"HS256","typ":"JWT"}""";

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static byte[] Decode(string segment)
    {
        var base64 = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }

    /// <summary>A JWS over the given JSON texts, signed with <paramref name="key"/> (the mock's key by default).</summary>
    public static string Sign(string header, string payload, byte[]? key = null, string alg = "HS256") =>
        SignSegments(Encode(header), Encode(payload), key, alg);

    /// <summary>A JWS over segments exactly as given, so they may be malformed and still carry a valid signature.</summary>
    public static string SignSegments(string header, string payload, byte[]? key = null, string alg = "HS256")
    {
        var signingInput = $"{header}.{payload}";
        return $"{signingInput}.{Encode(Mac(alg, key ?? MockUnderTest.Key, Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static byte[] Mac(string alg, byte[] key, byte[] data) => alg switch
    {
        "HS256" => HMACSHA256.HashData(key, data),
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "an HMAC algorithm"),
    };

    /// <summary>The claims the mock issues, as JSON text: <c>uid</c> a string, times in Unix seconds.</summary>
    public static string Claims(long iat, long exp, string uid = TestUsers.AdminUid) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"iat":{{iat}},"exp":{{exp}},"uid":"{{uid}}"}""");

    /// <summary>A token the mock must accept at <paramref name="now"/>: right key, right claims, 300 s to live.</summary>
    public static string Valid(long now, string uid = TestUsers.AdminUid) => Sign(Hs256Header, Claims(now, now + 300, uid));

    public static (JsonElement Header, JsonElement Claims) Read(string token)
    {
        var segments = token.Split('.');
        Assert.That(segments, Has.Length.EqualTo(3), "a JWS has three segments");
        return (Parse(segments[0]), Parse(segments[1]));
    }

    public static bool HasValidSignature(string token, byte[] key, string alg = "HS256")
    {
        var last = token.LastIndexOf('.');
        var expected = Mac(alg, key, Encoding.ASCII.GetBytes(token[..last]));
        return CryptographicOperations.FixedTimeEquals(expected, Decode(token[(last + 1)..]));
    }

    /// <summary>The token with one segment replaced by <paramref name="replace"/>'s result; the others are kept as they are.</summary>
    public static string WithSegment(string token, int index, Func<string, string> replace)
    {
        var segments = token.Split('.');
        segments[index] = replace(segments[index]);
        return string.Join('.', segments);
    }

    private static JsonElement Parse(string segment)
    {
        using var document = JsonDocument.Parse(Decode(segment));
        return document.RootElement.Clone();
    }
}
