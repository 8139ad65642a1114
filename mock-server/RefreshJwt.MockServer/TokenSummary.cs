using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// A token as the journal and the log show it: the decoded header and claims, the signature replaced by its
/// length. A token that does not decode is shown by its length and first characters only.
/// </summary>
public sealed record TokenSummary(JsonElement? Header, JsonElement? Claims, string Signature)
{
    private const int ShownPrefix = 8;

    public static TokenSummary Describe(string token)
    {
        var jws = CompactJws.TryParse(token, out _);
        if (jws is not null)
        {
            return Of(jws);
        }

        var shown = token.Length <= ShownPrefix ? "" : $", starts \"{token[..ShownPrefix]}\"";
        return new TokenSummary(null, null, $"not a decodable JWS ({token.Length} characters{shown})");
    }

    /// <summary>A token already decoded, so it is not decoded twice.</summary>
    internal static TokenSummary Of(CompactJws jws) => new(jws.Header, jws.Payload, $"redacted ({jws.SignatureLength} characters)");

    /// <summary>A short form for a log line: <c>HS256 uid=1 exp=1764130000</c>.</summary>
    public string Brief()
    {
        if (Header is not { } header || Claims is not { } claims)
        {
            return Signature;
        }

        var alg = header.TryGetProperty("alg", out var a) ? a.ToString() : "?";
        var uid = claims.TryGetProperty("uid", out var u) ? u.ToString() : "?";
        var exp = claims.TryGetProperty("exp", out var e) ? e.ToString() : "?";
        return $"{alg} uid={uid} exp={exp}";
    }
}
