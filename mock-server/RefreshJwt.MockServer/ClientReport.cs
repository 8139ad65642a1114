using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// Judges the client from every request it made to the cluster API, with the suite's levels: MUST (the docs say
/// so; a broken one fails the report), SHOULD (good practice; warns), INFO (counts). It keeps counters, not
/// requests: memory stays flat however long the mock runs. <c>GET /__mock/client-report</c> shows it; the
/// standalone mock prints it when it stops.
/// </summary>
public sealed partial class ClientReport(MockProfile profile)
{
    private const string RefreshDoc = "https://redis.io/docs/latest/operate/rs/references/rest-api/requests/users/refresh_jwt/";
    private const string AuthorizeDoc = "https://redis.io/docs/latest/operate/rs/references/rest-api/requests/users/authorize/";
    private const string TtlDoc = "https://redis.io/docs/latest/operate/rs/references/rest-api/objects/jwt_authorize/";

    private static readonly Rule[] Rules =
    [
        new("C01", "MUST", "Sends its token as \"Authorization: JWT <token>\"", RefreshDoc + " (Request headers: Authorization: JWT <token>)"),
        new("C02", "MUST", "Asks for a ttl that is an integer from 1 to 86400", TtlDoc + " (ttl: integer, range 1-86400)"),
        new("C03", "MUST", "Sends credentials where the cluster reads them (Basic header from RS 7.8.2 on, JSON body before)", AuthorizeDoc),
        new("C04", "MUST", "Never sends a malformed, forged or unsigned token, or none at all", RefreshDoc + " (Status codes: 401)"),
        new("C05", "MUST", "Never reuses a token the cluster revoked when it was refreshed", RefreshDoc + " (Status codes: 401)"),
        new("C06", "SHOULD", "Refreshes before the token expires: never sends an expired token", "RFC 7519 §4.1.4 (exp)"),
        new("C07", "SHOULD", "Waits as long as Retry-After says before it tries that endpoint again", "RFC 9110 §10.2.3 (Retry-After)"),
        new("C08", "SHOULD", "Logs in again only when it holds no valid token (refreshes instead)", RefreshDoc),
        new("C09", "SHOULD", "Refreshes no sooner than half-way through the token's lifetime", TtlDoc + " (default 300 s)"),
        new("C10", "SHOULD", "Stops sending a password the cluster refused, before the login lockout locks the account", LockoutDoc),
    ];

    private static readonly RefusalKind[] Broken =
    [
        RefusalKind.MissingAuthorization, RefusalKind.EmptyToken, RefusalKind.Malformed, RefusalKind.Unsigned, RefusalKind.AlgorithmNotAllowed,
        RefusalKind.CriticalHeader, RefusalKind.BadSignature, RefusalKind.NotYetValid, RefusalKind.InvalidClaims, RefusalKind.UnknownUser,
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tally> _tallies = Rules.ToDictionary(r => r.Id, _ => new Tally());
    private readonly Dictionary<string, DateTimeOffset> _retryAfter = [];
    private readonly Dictionary<string, long> _validUntil = [];
    private readonly Dictionary<string, long> _counts = [];

    /// <summary>Takes one cluster API request as journaled; <paramref name="request"/> is null when a fault answered before it was read.</summary>
    internal void Observe(JournalEntry entry, ApiRequest? request, int? retryAfterSeconds = null)
    {
        // A body is read only when it can have been wrong: the mock answers 200 to no bad ttl and to no credentials it
        // does not read. Read before the lock, so parallel requests wait for each other only for the counting.
        var endpoint = Endpoint(entry.Path);
        var body = request is not null && endpoint is "authorize" or "refresh_jwt" && entry.Status != 200 && !string.IsNullOrWhiteSpace(request.Body)
            ? ReadObject(request.Body)
            : null;
        lock (_gate)
        {
            Count("requests");
            Count(endpoint switch { "authorize" => "logins", "refresh_jwt" => "refreshes", "users" => "user_reads", _ => "other" });
            if (entry.Fault is not null)
            {
                Count("faulted");
            }

            if (entry.Status >= 500)
            {
                Count("server_errors_seen");
            }

            CheckRetryAfter(entry, endpoint);
            if (retryAfterSeconds is { } after)
            {
                _retryAfter[endpoint] = entry.Time.AddSeconds(after);
            }

            if (request is not null)
            {
                CheckRequest(entry, request, endpoint, body);
            }

            CheckRefusal(entry);
            CheckLockout(entry, endpoint);
            CheckTiming(entry, endpoint);
        }
    }

    /// <summary>Forgets everything seen so far (<c>DELETE /__mock/client-report</c>).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var tally in _tallies.Values)
            {
                tally.Clear();
            }

            _retryAfter.Clear();
            _validUntil.Clear();
            _counts.Clear();
            _refusedInARow.Clear();
        }
    }

    public ClientReportView Read()
    {
        lock (_gate)
        {
            var checks = Rules.Select(r =>
            {
                var tally = _tallies[r.Id];
                var verdict = tally.Count == 0 ? "passed" : r.Level == "MUST" ? "failed" : "warned";
                return new ClientCheck(r.Id, r.Level, r.Title, verdict, tally.Count, tally.Count == 0 ? null : $"{tally.Detail(r.Id)}, first at {tally.First}", r.Source);
            }).ToArray();
            var failed = checks.Count(c => c.Verdict == "failed");
            var warned = checks.Count(c => c.Verdict == "warned");
            var requests = _counts.GetValueOrDefault("requests");
            var verdict = failed > 0 ? "fail" : warned > 0 ? "warn" : "pass";
            var broken = string.Join("; ", Rules.Where(r => _tallies[r.Id].Count > 0).Select(r => $"{r.Id} {_tallies[r.Id].Detail(r.Id)}"));
            var line = $"client report: {verdict.ToUpperInvariant()}, {failed} MUST and {warned} SHOULD rule(s) broken in {requests} request(s)"
                + (broken.Length > 0 ? $": {broken}" : "");
            return new ClientReportView(verdict, line, profile.Name, new SortedDictionary<string, long>(_counts), checks);
        }
    }

    private void CheckRequest(JournalEntry entry, ApiRequest request, string endpoint, JsonElement? body)
    {
        var authorization = request.Header("Authorization");
        if (endpoint is "refresh_jwt" or "users" && authorization is not null && !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var space = authorization.IndexOf(' ');
            var scheme = space < 0 ? authorization : authorization[..space];
            if (scheme != "JWT")
            {
                // The scheme word is shown only when it is a word a client would send, never a credential sent without one.
                _tallies["C01"].Add(entry.Time, scheme is "Bearer" or "jwt" or "Jwt" or "bearer" or "Token" or "token" ? $"\"{scheme}\"" : "another word");
            }
        }

        if (endpoint is not ("authorize" or "refresh_jwt"))
        {
            return;
        }

        if (body is { } b && b.TryGetProperty("ttl", out var ttl)
            && !(ttl.ValueKind == JsonValueKind.Number && ttl.TryGetInt32(out var seconds) && seconds is >= 1 and <= 86400))
        {
            var raw = ttl.GetRawText();
            _tallies["C02"].Add(entry.Time, ttl.ValueKind == JsonValueKind.Number && raw.Length <= 24 ? raw : ttl.ValueKind.ToString().ToLowerInvariant());
        }

        if (endpoint == "authorize")
        {
            var inBody = body is { } o && (o.TryGetProperty("username", out _) || o.TryGetProperty("password", out _));
            var inBasic = authorization?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true;
            var reads = profile.AuthorizeCredentials;
            if (inBody && !reads.Contains(CredentialSource.Body))
            {
                _tallies["C03"].Add(entry.Time, "in the JSON body");
            }
            else if (inBasic && !reads.Contains(CredentialSource.Basic))
            {
                _tallies["C03"].Add(entry.Time, "in a Basic header");
            }
            else if (!inBody && !inBasic)
            {
                _tallies["C03"].Add(entry.Time, "nowhere");
            }
        }
    }

    private void CheckRefusal(JournalEntry entry)
    {
        if (entry.Refusal is not { } refusal)
        {
            return;
        }

        if (Broken.Contains(refusal.Kind))
        {
            _tallies["C04"].Add(entry.Time, Words(refusal.Kind));
        }
        else if (refusal.Kind == RefusalKind.Revoked)
        {
            _tallies["C05"].Add(entry.Time, null);
        }
        else if (refusal.Kind == RefusalKind.Expired && entry.Fault?.StartsWith("expire", StringComparison.Ordinal) != true)
        {
            // A token a fault expired on this very request is the fault's doing; sending it again is the client's.
            var late = Claim(entry.PresentedToken, "exp") is { } exp ? entry.Time.ToUnixTimeSeconds() - exp : (long?)null;
            _tallies["C06"].Add(entry.Time, null, late);
        }
        else if (refusal.Kind == RefusalKind.PasswordExpired)
        {
            Count("password_expired_seen");
        }
    }

    private void Count(string name) => _counts[name] = _counts.GetValueOrDefault(name) + 1;

    private static string Endpoint(string path) => path switch
    {
        "/v1/users/authorize" => "authorize",
        "/v1/users/refresh_jwt" => "refresh_jwt",
        _ when path.StartsWith("/v1/users/", StringComparison.Ordinal) => "users",
        _ => "other",
    };

    private static long? Claim(TokenSummary? token, string name) =>
        token?.Claims is { } claims && claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && Math.Abs(number) < TokenService.LatestTime
            ? (long)Math.Floor(number)
            : null;

    private static JsonElement? ReadObject(string? body)
    {
        try
        {
            using var document = JsonInput.Parse(body ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Words(RefusalKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString()).Replace('_', ' ');

    private sealed record Rule(string Id, string Level, string Title, string Source);
}
