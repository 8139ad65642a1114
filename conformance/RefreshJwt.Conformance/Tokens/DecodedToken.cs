using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;

namespace RefreshJwt.Conformance.Tokens;

/// <summary>
/// A token the target issued, decoded without verifying it (the suite has no key): header, claims and the
/// raw segments it needs to forge variants. Decoding is System.IdentityModel.Tokens.Jwt's; nothing here is shared
/// with the mock.
/// </summary>
public sealed record DecodedToken(string Raw, JsonElement Header, JsonElement Claims)
{
    private static readonly JwtSecurityTokenHandler Handler = new();

    /// <summary>User claims compared across a refresh, in the order they are looked for.</summary>
    public static readonly string[] UserClaims = ["uid", "sub", "user_id", "username", "email"];

    public string HeaderSegment => Raw.Split('.')[0];

    public string PayloadSegment => Raw.Split('.')[1];

    public string SignatureSegment => Raw.Split('.')[2];

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) ? alg.ToString() : null;

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
                    return (name, value.ToString());
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

        try
        {
            var jwt = Handler.ReadJwtToken(token);
            var header = JsonSerializer.SerializeToElement(jwt.Header.ToDictionary(h => h.Key, h => h.Value));
            var claims = JsonSerializer.SerializeToElement(jwt.Payload.ToDictionary(c => c.Key, c => c.Value));
            return new DecodedToken(token, header, claims);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or JsonException or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            problem = $"it does not decode as a JWT ({e.GetType().Name})";
            return null;
        }
    }

    private long? NumericClaim(string name) =>
        Claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? (long)Math.Floor(seconds)
            : null;
}
