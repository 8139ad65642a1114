using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Keeps secrets out of every output. A well-formed token becomes its decoded header and claims with the signature
/// replaced by its length; the credentials of an Authorization header are described by shape and length, never
/// shown, whatever was inserted into them; a password becomes <c>«password»</c>. Every value the target issued is
/// remembered as it arrives (<see cref="Remember"/>), and any 12-character piece of it is scrubbed from every text,
/// however it was altered around that piece or glued to other text. Every string the suite prints or writes passes
/// through here.
/// </summary>
public sealed partial class Redactor
{
    /// <summary>The length of the pieces of issued values looked for: no shorter piece is scrubbed.</summary>
    public const int PieceLength = 12;

    private const string PasswordMark = "«password»";

    /// <summary>A scheme word shown as such: letters only, and no longer than this.</summary>
    private const int SchemeWordLength = 12;

    private string[] _passwords = [];
    private readonly HashSet<string> _issuedPieces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Redactor(IEnumerable<string?> passwords) => RememberPasswords(passwords);

    /// <summary>Masks these passwords too from now on (the embedded mock's are known only once it has started).</summary>
    public void RememberPasswords(IEnumerable<string?> passwords)
    {
        // A password also travels JSON-escaped (body credentials) and URL-escaped: each form is a secret.
        var forms = passwords.OfType<string>().Where(p => p.Length > 0)
            .SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1], JsonSerializer.Serialize(p, Relaxed)[1..^1], Uri.EscapeDataString(p) });
        lock (_gate)
        {
            _passwords = _passwords.Concat(forms).Distinct().OrderByDescending(p => p.Length).ToArray();
        }
    }

    private static JsonSerializerOptions Relaxed { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How many distinct values the target issued so far, as remembered here.</summary>
    public int IssuedCount
    {
        get
        {
            lock (_gate)
            {
                return _issued.Count;
            }
        }
    }

    /// <summary>Anything shaped like a JWS or a piece of one: base64url starting with <c>{"</c>, then a dot.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-+/=]*\.[A-Za-z0-9_\-+/=.]*")]
    private static partial Regex TokenShaped();

    /// <summary>The value of a JSON member that names a token, whatever the token looks like (not one already described).</summary>
    [GeneratedRegex(@"(""(?:access_token|refresh_token|token|jwt)""\s*:\s*"")(?!«)([^""\\]*)("")", RegexOptions.IgnoreCase)]
    private static partial Regex TokenMember();

    /// <summary>
    /// Remembers a value the target issued (a token, or anything it answered in a token's place): from now on every
    /// <see cref="PieceLength"/>-character piece of each of its dot-separated segments is scrubbed wherever it appears.
    /// </summary>
    public void Remember(string? issued)
    {
        if (string.IsNullOrEmpty(issued))
        {
            return;
        }

        lock (_gate)
        {
            if (!_issued.Add(issued))
            {
                return;
            }

            foreach (var segment in issued.Split('.'))
            {
                for (var start = 0; start + PieceLength <= segment.Length; start++)
                {
                    _issuedPieces.Add(segment.Substring(start, PieceLength));
                }
            }
        }
    }

    /// <summary>Remembers every value a response body holds in a token's place: token-named JSON members and token-shaped text.</summary>
    public void RememberIssued(string body)
    {
        foreach (Match member in TokenMember().Matches(body))
        {
            Remember(member.Groups[2].Value);
        }

        foreach (Match token in TokenShaped().Matches(body))
        {
            Remember(token.Value);
        }
    }

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
        string[] passwords;
        lock (_gate)
        {
            passwords = _passwords;
        }

        // Whole forms first, so that a password reads «password» wherever it came through intact; then the pieces.
        foreach (var password in passwords)
        {
            redacted = redacted.Replace(password, PasswordMark, StringComparison.Ordinal);
        }

        return ScrubPieces(redacted);
    }

    /// <summary>
    /// An Authorization value as evidence shows it: the scheme word, then the credentials described as a whole — a
    /// well-formed token by its decoded header and claims, anything else by its shape and length — never shown.
    /// </summary>
    public string RedactAuthorization(string authorization)
    {
        var space = authorization.IndexOf(' ');
        if (space < 0)
        {
            return IsSchemeWord(authorization) ? authorization : $"«no scheme word: {DescribeCredentials(authorization)}»";
        }

        var (scheme, credentials) = (authorization[..space], authorization[(space + 1)..]);
        var shown = !IsSchemeWord(scheme) ? $"«no scheme word: {DescribeCredentials(authorization)}»"
            : DecodedToken.TryDecode(credentials, out _) is not null ? $"{scheme} {Describe(credentials)}"
            : scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? $"{scheme} «credentials»"
            : $"{scheme} «{DescribeCredentials(credentials)}»";
        return Redact(shown);
    }

    /// <summary>What a snapshot keeps of an Authorization value: its scheme word, or <c>«no scheme word»</c>.</summary>
    public static string SchemeOf(string authorization)
    {
        var scheme = authorization.Split(' ')[0];
        return IsSchemeWord(scheme) ? scheme : "«no scheme word»";
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

    /// <summary>
    /// Credentials that are not a well-formed token, by shape only: <c>180 characters in 3 dot-separated parts of 36, 98
    /// and 43, 1 of them outside base64url</c>. Nothing of the value itself.
    /// </summary>
    public static string DescribeCredentials(string credentials)
    {
        if (credentials.Length == 0)
        {
            return "empty";
        }

        if (string.IsNullOrWhiteSpace(credentials))
        {
            return $"blank, {Characters(credentials.Length)}";
        }

        var parts = credentials.Split('.').Select(p => p.Length).ToList();
        var shape = new StringBuilder(Characters(credentials.Length));
        if (parts.Count > 1)
        {
            shape.Append($" in {parts.Count} dot-separated parts of {string.Join(", ", parts[..^1])} and {parts[^1]}");
        }

        var outside = credentials.Count(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        if (outside > 0)
        {
            shape.Append($", {outside} of them outside base64url");
        }

        return shape.ToString();
    }

    internal static string Characters(int count) => count == 1 ? "1 character" : $"{count} characters";

    private static bool IsSchemeWord(string scheme) => scheme.Length is > 0 and <= SchemeWordLength && scheme.All(char.IsAsciiLetter);
}
