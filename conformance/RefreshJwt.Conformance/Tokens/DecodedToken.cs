using System.Buffers.Text;
using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;

namespace RefreshJwt.Conformance.Tokens;

/// <summary>
/// A token the target issued, decoded without verifying it (the suite has no key): header and claims exactly as sent,
/// and the raw segments it needs to forge variants. System.IdentityModel.Tokens.Jwt reads every token too;
/// <see cref="LibraryProblem"/> says when it will not (it insists on RFC 7519 claim types, the Redis docs do not).
/// Nothing here is shared with the mock.
/// </summary>
public sealed record DecodedToken(string Raw, JsonElement Header, JsonElement Claims, string? LibraryProblem)
{
    private static readonly JwtSecurityTokenHandler Handler = new();

    /// <summary>User claims compared across a refresh, in the order they are looked for.</summary>
    public static readonly string[] UserClaims = ["uid", "sub", "user_id", "username", "email"];

    public string HeaderSegment => Raw.Split('.')[0];

    public string PayloadSegment => Raw.Split('.')[1];

    public string SignatureSegment => Raw.Split('.')[2];

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) ? TolerantJson.Text(alg) : null;

    /// <summary>Signed: an <c>alg</c> that is not <c>none</c> in any casing, and a signature segment that is not empty.</summary>
    public bool IsSigned => !string.Equals(Algorithm, "none", StringComparison.OrdinalIgnoreCase) && SignatureSegment.Length > 0;

    public long? IssuedAt => NumericClaim("iat");

    public long? ExpiresAt => NumericClaim("exp");

    /// <summary><c>exp - iat</c> in seconds, when the token has both.</summary>
    public long? Lifetime => ExpiresAt - IssuedAt;

    public IReadOnlyList<string> ClaimNames => Claims.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The first user claim the token carries, for example <c>("uid", "1")</c>.</summary>
    public (string Name, string Value)? User
    {
        get
        {
            foreach (var name in UserClaims)
            {
                if (Claims.TryGetProperty(name, out var value))
                {
                    return (name, TolerantJson.Text(value));
                }
            }

            return null;
        }
    }

    /// <summary>A compact JWS (three segments) whose header and claims decode as JSON objects; null with a reason otherwise.</summary>
    public static DecodedToken? TryDecode(string? token, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(token))
        {
            problem = "it is empty";
            return null;
        }

        if (token.Count(c => c == '.') != 2)
        {
            problem = $"it has {token.Count(c => c == '.') + 1} segments, a compact JWS has 3";
            return null;
        }

        var segments = token.Split('.');
        var header = DecodeObject(segments[0]);
        var claims = DecodeObject(segments[1]);
        if (header is null || claims is null)
        {
            problem = $"its {(header is null ? "header" : "payload")} is not a base64url-encoded JSON object";
            return null;
        }

        string? libraryProblem = null;
        try
        {
            Handler.ReadJwtToken(token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The library's own limits (a token over 250 KB, say) are its problem with the token, whatever it throws.
            libraryProblem = e.Message.Split('\n')[0].Trim();
        }

        return new DecodedToken(token, header.Value, claims.Value, libraryProblem);
    }

    private static JsonElement? DecodeObject(string segment)
    {
        try
        {
            return TolerantJson.Parse(Base64Url.DecodeFromChars(segment)) is { ValueKind: JsonValueKind.Object } json ? json : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A number of seconds; one past any clock's reach is held at ±10^15 s, so arithmetic on it never overflows.</summary>
    private long? NumericClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds)
            ? (long)Math.Floor(Math.Clamp(seconds, -1e15, 1e15))
            : null;
}
