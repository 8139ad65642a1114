using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Keeps secrets out of every output: a token becomes its decoded header and claims with the signature
/// replaced, a password becomes <c>«password»</c>. Every string the suite prints or writes passes through here.
/// </summary>
public sealed partial class Redactor(IEnumerable<string?> passwords)
{
    private const string PasswordMark = "«password»";

    private readonly string[] _passwords = passwords.OfType<string>().Where(p => p.Length > 0).Distinct().OrderByDescending(p => p.Length).ToArray();

    /// <summary>Anything shaped like a JWS or a piece of one: base64url starting with <c>{"</c>, then a dot.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=.]*")]
    private static partial Regex TokenShaped();

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = TokenShaped().Replace(text, m => Describe(m.Value));
        foreach (var password in _passwords)
        {
            redacted = redacted.Replace(password, PasswordMark, StringComparison.Ordinal);
        }

        return redacted;
    }

    /// <summary>A token as evidence shows it: <c>«JWT {"alg":"HS256","typ":"JWT"} {"exp":…,"iat":…,"uid":"1"} signature: 43 characters»</c>.</summary>
    public static string Describe(string token)
    {
        var decoded = DecodedToken.TryDecode(token, out _);
        if (decoded is null)
        {
            return $"«token-like text, {token.Length} characters»";
        }

        var signature = decoded.SignatureSegment.Length == 0 ? "no signature" : $"signature: {decoded.SignatureSegment.Length} characters";
        return $"«JWT {decoded.Header.GetRawText()} {decoded.Claims.GetRawText()} {signature}»";
    }
}
