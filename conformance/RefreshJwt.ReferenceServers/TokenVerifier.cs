using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.ReferenceServers;

/// <summary>
/// Decides whether a presented token is one of this server's and still valid: a compact JWS in strict base64url,
/// header <c>alg</c> HS256 and no critical extension, a good HMAC under the server's key, a numeric <c>exp</c> not
/// passed (and an <c>nbf</c> reached) within the leeway, a <c>uid</c> naming a user, and not revoked.
/// </summary>
public sealed class TokenVerifier(byte[] key, ReferenceChoices choices, ReferenceClock clock, IReadOnlyList<ReferenceUser> users)
{
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The user <paramref name="token"/> names, or why it is refused.</summary>
    public (ReferenceUser? User, Refusal Why) Verify(string token)
    {
        var segments = token.Split('.');
        if (segments.Length != 3 || segments.Any(s => s.Length == 0))
        {
            return (null, Refusal.InvalidToken);
        }

        var header = Decode(segments[0]) is { } h ? StrictJson.Object(h, choices.DuplicateKeys) : null;
        var claims = Decode(segments[1]) is { } c ? StrictJson.Object(c, choices.DuplicateKeys) : null;
        var signature = Decode(segments[2]);
        if (header is null || claims is null || signature is null || !HeaderAcceptable(header))
        {
            return (null, Refusal.InvalidToken);
        }

        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{segments[0]}.{segments[1]}"));
        if (choices.VerifySignature && !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (null, Refusal.InvalidToken);
        }

        var now = clock.UnixNow;
        if (!Number(claims, "exp", out var exp) || (claims.TryGetValue("nbf", out _) && !Number(claims, "nbf", out _)))
        {
            return (null, Refusal.InvalidToken);
        }

        if (now >= exp + choices.LeewaySeconds)
        {
            return (null, Refusal.ExpiredToken);
        }

        if (Number(claims, "nbf", out var nbf) && now < nbf - choices.LeewaySeconds)
        {
            return (null, Refusal.InvalidToken);
        }

        if (UserOf(claims) is not { } user)
        {
            return (null, Refusal.InvalidToken);
        }

        lock (_gate)
        {
            return _revoked.Contains(segments[2]) ? (null, Refusal.RevokedToken) : (user, Refusal.InvalidToken);
        }
    }

    /// <summary>
    /// Marks <paramref name="token"/> refreshed: when the server revokes refreshed tokens, true only for the first
    /// caller, so of parallel refreshes of one token exactly one wins.
    /// </summary>
    public bool Consume(string token)
    {
        if (!choices.RevokeRefreshed)
        {
            return true;
        }

        lock (_gate)
        {
            return _revoked.Add(token[(token.LastIndexOf('.') + 1)..]);
        }
    }

    private static bool HeaderAcceptable(Dictionary<string, JsonElement> header) =>
        header.TryGetValue("alg", out var alg) && alg.ValueKind == JsonValueKind.String && alg.GetString() == "HS256"
        && !header.ContainsKey("crit")
        && (!header.TryGetValue("typ", out var typ) || (typ.ValueKind == JsonValueKind.String && typ.GetString() == "JWT"));

    private ReferenceUser? UserOf(Dictionary<string, JsonElement> claims)
    {
        if (!claims.TryGetValue("uid", out var uid))
        {
            return null;
        }

        var text = uid.ValueKind switch
        {
            JsonValueKind.String => uid.GetString(),
            JsonValueKind.Number => uid.GetRawText(),
            _ => null,
        };
        return users.FirstOrDefault(u => u.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture) == text);
    }

    private static bool Number(Dictionary<string, JsonElement> claims, string name, out double value)
    {
        value = 0;
        return claims.TryGetValue(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value);
    }

    /// <summary>Strict base64url (RFC 7515 §2): the URL-safe alphabet, no padding, no other character; null otherwise.</summary>
    private static byte[]? Decode(string segment)
    {
        if (segment.Length % 4 == 1 || segment.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')))
        {
            return null;
        }

        var padded = segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (segment.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
