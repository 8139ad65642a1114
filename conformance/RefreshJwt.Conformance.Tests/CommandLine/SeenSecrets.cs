using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>What the leak scan found, and how much it looked at.</summary>
public sealed record ScanResult(List<string> Hits, int Windows, int SignatureWindows, int SecretForms, long Characters);

/// <summary>
/// Every value the target issued and every credential the suite sent, as a proxy between them saw them, without any
/// of the suite's code; then the scan of the run's outputs for them.
/// </summary>
public sealed partial class SeenSecrets
{
    /// <summary>The length of a piece that counts as a leak: 72 bits of a signature, never found by chance.</summary>
    public const int PieceLength = 12;

    private readonly ConcurrentDictionary<string, bool> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sentPieces = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    /// <summary>The distinct passwords the suite sent, right and wrong.</summary>
    public int PasswordsSent { get; private set; }

    /// <summary><paramref name="deviation"/>, with every request and every response it lets through recorded on the way.</summary>
    public Deviation Recording(Deviation deviation) => deviation with
    {
        Request = (request, upstream) =>
        {
            CollectSent(request);
            return deviation.Request?.Invoke(request, upstream) ?? request;
        },
        Response = (request, response, upstream) =>
        {
            var answer = deviation.Response?.Invoke(request, response, upstream) ?? response;
            Collect(answer.Body, request);
            return answer;
        },
    };

    /// <summary>
    /// The credentials a request carries, in every form a leak could take: the password plain, JSON-, URL- and
    /// HTML-escaped and in base64; the Basic value; the piece of the body around the password. Any
    /// <see cref="PieceLength"/>-character piece of any of them counts as a leak too.
    /// </summary>
    public void CollectSent(ProxyRequest request)
    {
        if (!request.IsAuthorize || Echoes.Credentials(request) is not { } credentials || credentials.Password.Length == 0)
        {
            return;
        }

        var password = credentials.Password;
        var json = JsonSerializer.Serialize(password)[1..^1];
        string[] forms = [password, json, Uri.EscapeDataString(password), Convert.ToBase64String(Encoding.UTF8.GetBytes(password))];
        if (request.Authorization is { } authorization && authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            forms = [.. forms, authorization[6..].Trim()];
        }

        lock (_sent)
        {
            if (_sent.TryAdd(password, true))
            {
                PasswordsSent++;
            }

            foreach (var form in forms)
            {
                _sent.TryAdd(form, true);
                AddPieces(form, 0, form.Length);
            }

            // Whole only: a piece of the HTML form may hold a mere entity and a few letters (the HTML reading looks for the rest).
            _sent.TryAdd(WebUtility.HtmlEncode(password), true);

            // The body's pieces that overlap the password: the username and member names around it are no secret.
            if (request.Body is { } body && body.IndexOf(json, StringComparison.Ordinal) is var at and >= 0)
            {
                AddPieces(body, Math.Max(0, at - PieceLength + 1), at + json.Length);
            }
        }
    }

    private void AddPieces(string text, int from, int to)
    {
        for (var start = from; start < to && start + PieceLength <= text.Length; start++)
        {
            _sentPieces.TryAdd(text.Substring(start, PieceLength), true);
        }
    }

    /// <summary>Every string under a member named like a token, and every compact-JWS-shaped string, anywhere in a JSON body.</summary>
    public void Collect(string body, ProxyRequest? request = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            foreach (Match jws in Jws().Matches(body))
            {
                if (!Echoed(jws.Value, request))
                {
                    _values.TryAdd(jws.Value, true);
                }
            }

            return;
        }

        Walk(root, null, request);
    }

    /// <summary>The hits in <paramref name="outputs"/>: pieces of issued values and of sent credentials, and whole password forms.</summary>
    public ScanResult Scan(IReadOnlyDictionary<string, string> outputs, string[] passwords)
    {
        var signatureWindows = _values.Keys.SelectMany(v => Windows(v.Split('.')[^1])).ToHashSet(StringComparer.Ordinal);
        var windows = _values.Keys.Where(v => v.Split('.').Length == 3).SelectMany(v => Windows(v.Split('.')[1])).Concat(signatureWindows).ToHashSet(StringComparer.Ordinal);
        var lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
        var sentPieces = _sentPieces.Keys.ToHashSet(StringComparer.Ordinal);
        var sentLookup = sentPieces.GetAlternateLookup<ReadOnlySpan<char>>();
        var forms = passwords
            .SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1], Uri.EscapeDataString(p), WebUtility.HtmlEncode(p) })
            .Concat(_sent.Keys)
            .Distinct()
            .ToList();
        var hits = new List<string>();
        foreach (var (name, raw) in outputs)
        {
            foreach (var text in Readings(raw))
            {
                var at = Enumerable.Range(0, Math.Max(0, text.Length - PieceLength + 1)).Where(i => lookup.Contains(text.AsSpan(i, PieceLength))).ToList();
                var sent = Enumerable.Range(0, Math.Max(0, text.Length - PieceLength + 1)).Where(i => sentLookup.Contains(text.AsSpan(i, PieceLength))).ToList();

                // The report names where, not what: a hit must not leak again through the test log.
                if (at.Count > 0)
                {
                    hits.Add($"{name}: {at.Count} pieces of issued tokens, the first at character {at[0]}");
                }

                if (sent.Count > 0)
                {
                    hits.Add($"{name}: {sent.Count} pieces of sent credentials, the first at character {sent[0]}");
                }

                hits.AddRange(forms.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{name}: a secret form of {f.Length} characters"));
            }
        }

        return new ScanResult(hits.Distinct().ToList(), windows.Count + sentPieces.Count, signatureWindows.Count, forms.Count, outputs.Values.Sum(o => (long)o.Length));
    }

    private static IEnumerable<string> Windows(string value) =>
        Enumerable.Range(0, Math.Max(0, value.Length - PieceLength + 1)).Select(at => value.Substring(at, PieceLength));

    /// <summary>The text as stored, and as an HTML, JSON and URL decoder would read it.</summary>
    private static IEnumerable<string> Readings(string text) =>
    [
        text,
        WebUtility.HtmlDecode(text),
        JsonEscape().Replace(text, m => m.Groups[1].Success ? ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString() : m.Groups[2].Value),
        Uri.UnescapeDataString(text),
    ];

    private static bool Echoed(string value, ProxyRequest? request) => request is not null
        && ((request.Authorization?.Contains(value, StringComparison.Ordinal) ?? false) || (request.Body?.Contains(value, StringComparison.Ordinal) ?? false));

    private void Walk(JsonNode? node, string? name, ProxyRequest? request)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (member, value) in members)
                {
                    Walk(value, member, request);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Walk(item, name, request);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var named = name is not null && (name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Equals("jwt", StringComparison.OrdinalIgnoreCase));
                // What the request itself held is the suite's own text coming back, not something the target issued.
                if ((named || Jws().IsMatch(text)) && !Echoed(text, request))
                {
                    _values.TryAdd(text, true);
                }

                break;
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jws();

    [GeneratedRegex(@"\\(?:u([0-9A-Fa-f]{4})|([""\\/]))")]
    private static partial Regex JsonEscape();
}
