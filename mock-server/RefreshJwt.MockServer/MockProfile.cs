using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// How the mock behaves where the Redis docs leave a choice open. Profiles live in
/// <c>fixtures/profiles/NAME.json</c>, or are written by the suite's <c>--observe</c> from a real cluster;
/// README's "Profiles" table says what each setting does and which doc line it comes from.
/// </summary>
public sealed partial record MockProfile
{
    /// <summary>The profile settings a calibration may list in <see cref="NotObserved"/>: the mock's default then applies.</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        "authorizeCredentials", "tokenSchemes", "schemeCaseSensitive", "errorMessageField", "passwordExpiredStatus", "invalidTtlStatus",
        "ttlOutOfRange", "ttlText", "ttlNull", "unreadableBody", "refreshWithoutTtl", "revokeOnRefresh", "revokedTokenScope", "leewaySeconds", "algorithms", "extraClaims", "perTokenClaims",
        "uidClaimType", "tokenHeader", "clockOffsetSeconds", "userFields",
        "requestContentType",
        .. RefusalReasons.All.Select(r => "refusals." + r),
        .. LockoutSettings,
    ];

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Where an observed profile comes from: the cluster's host, when, its version, the suite's version.</summary>
    public ProfileProvenance? Provenance { get; init; }

    /// <summary>Settings the observing run could not see (see <see cref="Settings"/>); the mock uses its default for each.</summary>
    public IReadOnlyList<string> NotObserved { get; init; } = [];

    /// <summary>Where authorize reads credentials: "basic" (RS 7.8.2 on) and/or "body" (before 7.8.2).</summary>
    public IReadOnlyList<CredentialSource> AuthorizeCredentials { get; init; } = [CredentialSource.Basic];

    /// <summary>Authorization schemes accepted with a token; the docs show only "JWT".</summary>
    public IReadOnlyList<string> TokenSchemes { get; init; } = ["JWT"];

    public bool SchemeCaseSensitive { get; init; } = true;

    /// <summary>The error body's text field: "message" (most pages), "description" (OpenAPI spec) or "none" (no body).</summary>
    public ErrorMessageField ErrorMessageField { get; init; } = ErrorMessageField.Message;

    /// <summary>Status that goes with <c>password_expired</c> on authorize; the docs do not say.</summary>
    public int PasswordExpiredStatus { get; init; } = 401;

    /// <summary>Status for a ttl outside 1..86400 or not an integer; authorize documents 400.</summary>
    public int InvalidTtlStatus { get; init; } = 400;

    /// <summary>An integer ttl outside 1..86400: refused (<see cref="InvalidTtlStatus"/>) or clamped into the range.</summary>
    public TtlOutOfRange TtlOutOfRange { get; init; } = TtlOutOfRange.Refuse;

    /// <summary>A ttl sent as a JSON string of digits (<c>"60"</c>): refused, or read as the number.</summary>
    public TtlText TtlText { get; init; } = TtlText.Refuse;

    /// <summary>A ttl of JSON <c>null</c>: refused, or read as no ttl (the default lifetime).</summary>
    public TtlNull TtlNull { get; init; } = TtlNull.Refuse;

    /// <summary>A body that is not a JSON object (<c>ttl=60</c>, <c>[60]</c>): refused with 400, or read as no body.</summary>
    public UnreadableBody UnreadableBody { get; init; } = UnreadableBody.Refuse;

    /// <summary>Lifetime of a token refreshed without ttl: the documented default, or the presented token's.</summary>
    public RefreshLifetime RefreshWithoutTtl { get; init; } = RefreshLifetime.Default;

    /// <summary>Whether a refreshed token stops working once it has been exchanged.</summary>
    public bool RevokeOnRefresh { get; init; }

    /// <summary>Where a revoked token is refused: by every endpoint, or only by refresh_jwt (reads still accept it until exp).</summary>
    public RevokedTokenScope RevokedTokenScope { get; init; } = RevokedTokenScope.Everywhere;

    /// <summary>Clock-skew allowance on <c>exp</c> and <c>nbf</c>, in seconds.</summary>
    public int LeewaySeconds { get; init; }

    /// <summary>Signing algorithms accepted on incoming tokens; the first signs new ones.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["HS256"];

    /// <summary>Claims added to every issued token besides <c>iat</c>, <c>exp</c> and <c>uid</c>, with the same value each time.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraClaims { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// Claims with a fresh value in every issued token (a <c>jti</c>, say). Null: none, except the <c>jti</c> that
    /// <see cref="RevokeOnRefresh"/> adds so that two tokens of one second differ; given (even empty): exactly these.
    /// </summary>
    public IReadOnlyDictionary<string, PerTokenValue>? PerTokenClaims { get; init; }

    /// <summary>The JSON type of the <c>uid</c> claim: a string, as in the docs' example token, or a number.</summary>
    public UidClaimType UidClaimType { get; init; } = UidClaimType.String;

    /// <summary>JOSE header parameters of issued tokens besides <c>alg</c> (a <c>kid</c>, say); <c>typ</c> replaces "JWT".</summary>
    public IReadOnlyDictionary<string, JsonElement> TokenHeader { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The field names of <c>GET /v1/users/{uid}</c>'s user object; null: the mock's own (uid, email, name, role, status, auth_method).</summary>
    public IReadOnlyList<string>? UserFields { get; init; }

    /// <summary>How far the mock's clock is from this machine's at start, in seconds (added to <c>--clock-offset</c>).</summary>
    public int ClockOffsetSeconds { get; init; }

    /// <summary>
    /// The Content-Type a request with a body must carry: <c>json</c>, as the REST API index requires of a POST with a
    /// body (anything else is a <c>badBody</c> refusal, 400 in the error shape), or <c>any</c> (the body is read whatever
    /// it is labelled).
    /// </summary>
    public RequestContentType RequestContentType { get; init; } = RequestContentType.Json;

    /// <summary>What each refusal looks like, by reason (see <see cref="RefusalReasons"/>); a reason not given keeps its default.</summary>
    public IReadOnlyDictionary<string, RefusalShape> Refusals { get; init; } = new Dictionary<string, RefusalShape>();
}
