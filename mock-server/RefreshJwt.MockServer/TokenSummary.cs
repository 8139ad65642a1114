using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// A token as the journal and the log show it: the decoded header and claims, the signature replaced by its
/// length. A value that does not decode is described by its shape and length only, never shown in part.
/// </summary>
public sealed record TokenSummary(JsonElement? Header, JsonElement? Claims, string Signature)
{
    public static TokenSummary Describe(string token)
    {
        var jws = CompactJws.TryParse(token, out _);
        return jws is not null ? Of(jws) : new TokenSummary(null, null, $"not a decodable JWS ({Shape(token)})");
    }

    /// <summary>A secret by its shape only: <c>97 characters in 2 dot-separated parts, 1 outside base64url</c>.</summary>
    public static string Shape(string value)
    {
        var parts = value.Split('.').Length;
        var outside = value.Count(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        return $"{value.Length} characters"
            + (parts > 1 ? $" in {parts} dot-separated parts" : "")
            + (outside > 0 ? $", {outside} outside base64url" : "");
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
