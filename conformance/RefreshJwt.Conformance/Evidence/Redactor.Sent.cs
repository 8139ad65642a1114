using System.Net;
using System.Text;
using System.Text.Json;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// The credentials the suite sends, registered before they leave: a target may echo a request back in any form, so
/// every form a password can take on the way out or back is masked whole, and any 12-character piece of one is
/// scrubbed like a piece of an issued token.
/// </summary>
public sealed partial class Redactor
{
    private const string CredentialPiece = "a credential";
    private const string IssuedPiece = "an issued token";

    private readonly HashSet<string> _sentPieces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sentCredentials = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers <paramref name="credentials"/> before they are sent, right or deliberately wrong: the password plain,
    /// JSON-escaped (once, and twice as an echoed body holds it), URL-, form- and HTML-encoded, in base64 and base64url;
    /// the Basic value of user and password; the JSON body of credentials in base64. Each is masked whole from now
    /// on, and each piece of one scrubbed.
    /// </summary>
    public void RememberSent(Credentials credentials)
    {
        var (user, password) = (credentials.Username, credentials.Password);
        if (password.Length == 0)
        {
            return;
        }

        var pair = $"{user}:{password}";
        lock (_gate)
        {
            if (!_sentCredentials.Add(pair))
            {
                return;
            }
        }

        var body = credentials.JsonBody();
        string[] sent =
        [
            password, WebUtility.UrlEncode(password), WebUtility.HtmlEncode(password), Base64(password), Base64Url(password),
            Base64(pair), Base64Url(pair), Base64(body), Base64(body[..^1] + ","),
        ];

        // Every escape of every form: a JSON-escaped password escaped again is how an echoed body carries it.
        var forms = sent.SelectMany(Escapes).SelectMany(Escapes).Distinct().ToList();
        RememberPasswords(forms);
        lock (_gate)
        {
            foreach (var form in forms)
            {
                for (var start = 0; start + PieceLength <= form.Length; start++)
                {
                    _sentPieces.Add(form.Substring(start, PieceLength));
                }
            }
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>A secret as it travels: plain, JSON-escaped (strict and relaxed) and URL-escaped.</summary>
    private static string[] Escapes(string secret) =>
        [secret, JsonSerializer.Serialize(secret)[1..^1], JsonSerializer.Serialize(secret, Relaxed)[1..^1], Uri.EscapeDataString(secret)];

    /// <summary>A character that can sit inside a credential: anything but space, quotes, brackets and separators.</summary>
    private static bool InCredential(char c) =>
        !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '«' or '»' or '<' or '>' or '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';' or '`');

    /// <summary>
    /// Every run of credential characters holding a piece of an issued value or of a sent credential becomes
    /// <c>«piece of an issued token, N characters»</c> or <c>«piece of a credential, N characters»</c>.
    /// </summary>
    private string ScrubPieces(string text)
    {
        // What covers each character: a piece of a credential, of an issued value, or nothing. Every character of a
        // piece counts, not only its first: a secret cut short by its echo may start with a quote or a bracket.
        var hit = new string?[text.Length];
        var any = false;
        lock (_gate)
        {
            if (_issuedPieces.Count == 0 && _sentPieces.Count == 0)
            {
                return text;
            }

            var issued = _issuedPieces.GetAlternateLookup<ReadOnlySpan<char>>();
            var sent = _sentPieces.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var start = 0; start + PieceLength <= text.Length; start++)
            {
                var piece = text.AsSpan(start, PieceLength);
                var kind = sent.Contains(piece) ? CredentialPiece : issued.Contains(piece) ? IssuedPiece : null;
                for (var at = start; kind is not null && at < start + PieceLength; at++)
                {
                    hit[at] = hit[at] == CredentialPiece ? hit[at] : kind;
                }

                any |= kind is not null;
            }
        }

        return any ? Scrub(text, hit) : text;
    }

    private static string Scrub(string text, string?[] hit)
    {
        var scrubbed = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            if (!InCredential(text[at]))
            {
                scrubbed.Append(text[at++]);
                continue;
            }

            var end = at;
            string? holds = null;
            while (end < text.Length && InCredential(text[end]))
            {
                holds = holds == CredentialPiece ? holds : hit[end] ?? holds;
                end++;
            }

            scrubbed.Append(holds is null ? text[at..end] : $"«piece of {holds}, {Characters(end - at)}»");
            at = end;
        }

        return scrubbed.ToString();
    }
}
