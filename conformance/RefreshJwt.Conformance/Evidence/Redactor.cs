using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Keeps secrets out of every output: a token becomes its decoded header and claims with the signature
/// replaced, a password becomes <c>«password»</c>. Every string the suite prints or writes passes through here.
/// </summary>
public sealed partial class Redactor
{
    private const string PasswordMark = "«password»";

    /// <summary>Opaque credentials shorter than this are shown: they are the suite's own garbage ("not-a-token").</summary>
    private const int ShownCredentials = 16;

    private readonly string[] _passwords;

    public Redactor(IEnumerable<string?> passwords)
    {
        // A password also travels JSON-escaped (body credentials) and URL-escaped: each form is a secret.
        _passwords = passwords.OfType<string>().Where(p => p.Length > 0)
            .SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1], JsonSerializer.Serialize(p, Relaxed)[1..^1], Uri.EscapeDataString(p) })
            .Distinct()
            .OrderByDescending(p => p.Length)
            .ToArray();
    }

    private static JsonSerializerOptions Relaxed { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Anything shaped like a JWS or a piece of one: base64url starting with <c>{"</c>, then a dot.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=.]*")]
    private static partial Regex TokenShaped();

    /// <summary>The value of a JSON member that names a token, whatever the token looks like (not one already described).</summary>
    [GeneratedRegex(@"(""(?:access_token|refresh_token|token|jwt)""\s*:\s*"")(?!«)([^""\\]*)("")", RegexOptions.IgnoreCase)]
    private static partial Regex TokenMember();

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        // A server's bytes may hold control characters: they must neither steer a terminal nor break the XML report.
        var redacted = string.Concat(text.Select(c => char.IsControl(c) && c is not ('\n' or '\t') || char.IsSurrogate(c) ? '?' : c));
        redacted = TokenMember().Replace(redacted, m => m.Groups[1].Value + Describe(m.Groups[2].Value) + m.Groups[3].Value);
        redacted = TokenShaped().Replace(redacted, m => Describe(m.Value));
        foreach (var password in _passwords)
        {
            redacted = redacted.Replace(password, PasswordMark, StringComparison.Ordinal);
        }

        return redacted;
    }

    /// <summary>An Authorization value as evidence shows it: the scheme, then the credentials described, never shown.</summary>
    public string RedactAuthorization(string authorization)
    {
        var space = authorization.IndexOf(' ');
        var (scheme, credentials) = space < 0 ? (authorization, "") : (authorization[..space], authorization[(space + 1)..]);
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return "Basic «credentials»";
        }

        var shown = credentials.Trim().Length >= ShownCredentials && !TokenShaped().IsMatch(credentials) ? Describe(credentials.Trim()) : credentials;
        return Redact(space < 0 ? scheme : $"{scheme} {shown}");
    }

    /// <summary>A token as evidence shows it: <c>«JWT {"alg":"HS256","typ":"JWT"} {"exp":…,"iat":…,"uid":"1"} signature: 43 characters»</c>.</summary>
    public static string Describe(string token)
    {
        var decoded = DecodedToken.TryDecode(token, out _);
        if (decoded is null)
        {
            return token.Length == 0 ? "" : $"«token-like text, {token.Length} characters»";
        }

        var signature = decoded.SignatureSegment.Length == 0 ? "no signature" : $"signature: {decoded.SignatureSegment.Length} characters";
        return $"«JWT {decoded.Header.GetRawText()} {decoded.Claims.GetRawText()} {signature}»";
    }
}
