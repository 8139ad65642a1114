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

    public static MockProfile Load(string path)
    {
        var profile = Fixtures.ReadJson<MockProfile>(path);
        return profile.Validate(path).ValidateLockout(path);
    }

    /// <summary>The answer to a refusal of <paramref name="reason"/>: the profile's shape over the reason's default.</summary>
    public RefusalShape Refusal(string reason)
    {
        var (status, code) = RefusalReasons.Default(reason, this);
        var shape = Refusals.GetValueOrDefault(reason);
        var body = shape?.Body ?? (ErrorMessageField == ErrorMessageField.None ? RefusalBody.Empty : RefusalBody.Json);
        return new RefusalShape
        {
            Status = shape?.Status ?? status,
            ErrorCode = shape?.ErrorCode ?? code,
            Body = body,
            Fields = shape?.Fields ?? (body == RefusalBody.Json ? ["error_code", ErrorMessageField == ErrorMessageField.Description ? "description" : "message"] : []),
            ContentType = shape?.ContentType ?? body switch
            {
                RefusalBody.Json => ApiResponse.JsonContentType,
                RefusalBody.Text => "text/plain",
                _ => null,
            },
        };
    }

    private MockProfile Validate(string path)
    {
        string[] reserved = ["iat", "exp", "uid", "nbf"];
        string? problem = this switch
        {
            { AuthorizeCredentials.Count: 0 } => "authorizeCredentials is empty",
            { TokenSchemes.Count: 0 } => "tokenSchemes is empty",
            _ when TokenSchemes.Any(s => s.Length == 0 || !s.All(char.IsAsciiLetterOrDigit)) => "tokenSchemes may only hold words of letters and digits",
            { Algorithms.Count: 0 } => "algorithms is empty",
            _ when Algorithms.Any(a => a is not ("HS256" or "HS384" or "HS512")) => "algorithms may only hold HS256, HS384, HS512",
            { LeewaySeconds: < 0 } => "leewaySeconds is negative",
            { LeewaySeconds: > 86400 } => "leewaySeconds is more than a day (86400)",
            { ClockOffsetSeconds: < -31_536_000 or > 31_536_000 } => "clockOffsetSeconds must be within a year (±31536000)",
            { PasswordExpiredStatus: < 400 or > 499 } => "passwordExpiredStatus is not a 4xx status",
            { InvalidTtlStatus: < 400 or > 499 } => "invalidTtlStatus is not a 4xx status",
            _ when ExtraClaims.Keys.Any(reserved.Contains) => "extraClaims may not redefine iat, exp, nbf or uid",
            _ when ExtraClaims.Any(c => c.Key is "iss" or "sub" or "jti" && c.Value.ValueKind != JsonValueKind.String) =>
                "extraClaims iss, sub and jti must be strings (RFC 7519 §4.1)",
            _ when PerTokenClaims?.Keys.FirstOrDefault(k => reserved.Contains(k) || ExtraClaims.ContainsKey(k)) is { } claim =>
                $"perTokenClaims.{claim} is reserved or already in extraClaims",
            _ when PerTokenClaims?.FirstOrDefault(c => c.Key is "iss" or "sub" or "jti" && c.Value == PerTokenValue.Integer) is { Key: { } claim } =>
                $"perTokenClaims.{claim} must be a string kind (RFC 7519 §4.1)",
            _ when TokenHeader.Keys.FirstOrDefault(k => k is "alg" or "crit" or "x5t" or "enc" or "zip" || k.Length == 0) is { } name =>
                $"tokenHeader.{name} may not be set (alg comes from algorithms; crit, x5t, enc and zip the mock cannot honour)",
            _ when TokenHeader.TryGetValue("kid", out var kid) && kid.ValueKind != JsonValueKind.String => "tokenHeader.kid must be a string",
            _ when TokenHeader.TryGetValue("typ", out var typ) && typ.ValueKind != JsonValueKind.String => "tokenHeader.typ must be a string",
            _ when TokenHeader.FirstOrDefault(h => h.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)) is { Key: { } name } =>
                $"tokenHeader.{name} must be a string, number or boolean",
            { UserFields: { } fields } when fields.Any(f => f.Length == 0) || fields.Distinct().Count() != fields.Count => "userFields holds an empty or repeated name",
            _ when NotObserved.FirstOrDefault(s => !Settings.Contains(s)) is { } unknown => $"notObserved names an unknown setting \"{unknown}\"",
            _ => Refusals.Select(r => ValidateRefusal(r.Key, r.Value)).FirstOrDefault(p => p is not null),
        };
        return problem is null ? this : throw new MockConfigurationException($"profile {path}: {problem}");
    }

    private static string? ValidateRefusal(string reason, RefusalShape shape) => shape switch
    {
        _ when !RefusalReasons.All.Contains(reason) => $"refusals.{reason} is not a refusal reason (known: {string.Join(", ", RefusalReasons.All)})",
        { Status: < 400 or > 599 } => $"refusals.{reason}.status is not a 4xx or 5xx status",
        { ErrorCode.Length: 0 } => $"refusals.{reason}.errorCode is empty",
        { Fields: { } fields } when fields.Any(f => f.Length == 0) || fields.Distinct().Count() != fields.Count => $"refusals.{reason}.fields holds an empty or repeated name",
        { Fields.Count: > 0, Body: RefusalBody.Empty or RefusalBody.Text } => $"refusals.{reason}.fields needs a json body",
        { ContentType: { } type } when type.Length == 0 || type.Any(char.IsControl) => $"refusals.{reason}.contentType is not a media type",
        _ => null,
    };
}

/// <summary>Where a profile was observed, as <c>--observe</c> writes it; free text, for people.</summary>
public sealed record ProfileProvenance
{
    /// <summary>The target's host and port, never its credentials.</summary>
    public string? Target { get; init; }

    public string? Observed { get; init; }

    public string? ClusterVersion { get; init; }

    public string? SuiteVersion { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// What a refusal looks like: status, content type, body kind, the JSON body's field names in order and its
/// <c>error_code</c>. <c>error_code</c> carries <see cref="ErrorCode"/>; every other field carries the mock's explanation.
/// </summary>
public sealed record RefusalShape
{
    public int? Status { get; init; }

    /// <summary>The Content-Type header; null: <c>application/json</c> for a JSON body, <c>text/plain</c> for text, none when empty.</summary>
    public string? ContentType { get; init; }

    public RefusalBody? Body { get; init; }

    /// <summary>The JSON body's field names, in order; null: <c>error_code</c> and the profile's <c>errorMessageField</c>.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    public string? ErrorCode { get; init; }
}

/// <summary>The reasons a refusal's shape can be set for, as <c>refusals</c> keys, and their defaults.</summary>
public static class RefusalReasons
{
    public const string WrongPassword = "wrongPassword";
    public const string ExpiredPassword = "expiredPassword";
    public const string ExpiredPasswordToken = "expiredPasswordToken";
    public const string NoHeader = "noHeader";
    public const string WrongScheme = "wrongScheme";
    public const string EmptyToken = "emptyToken";
    public const string Malformed = "malformed";
    public const string Unsigned = "unsigned";
    public const string BadSignature = "badSignature";
    public const string Expired = "expired";
    public const string NotYetValid = "notYetValid";
    public const string InvalidClaims = "invalidClaims";
    public const string Revoked = "revoked";
    public const string BadTtl = "badTtl";
    public const string BadBody = "badBody";
    public const string NotFound = "notFound";
    public const string WrongMethod = "wrongMethod";

    public static readonly IReadOnlyList<string> All =
    [
        WrongPassword, ExpiredPassword, ExpiredPasswordToken, NoHeader, WrongScheme, EmptyToken, Malformed, Unsigned, BadSignature,
        Expired, NotYetValid, InvalidClaims, Revoked, BadTtl, BadBody, NotFound, WrongMethod,
    ];

    /// <summary>The reason a token refusal is answered as.</summary>
    public static string Of(RefusalKind kind) => kind switch
    {
        RefusalKind.MissingAuthorization => NoHeader,
        RefusalKind.WrongScheme => WrongScheme,
        RefusalKind.EmptyToken => EmptyToken,
        RefusalKind.Malformed => Malformed,
        RefusalKind.Unsigned => Unsigned,
        RefusalKind.AlgorithmNotAllowed or RefusalKind.CriticalHeader or RefusalKind.BadSignature => BadSignature,
        RefusalKind.Expired => Expired,
        RefusalKind.NotYetValid => NotYetValid,
        RefusalKind.Revoked => Revoked,
        RefusalKind.PasswordExpired => ExpiredPasswordToken,
        RefusalKind.WrongCredentials => WrongPassword,
        _ => InvalidClaims,
    };

    internal static (int Status, string ErrorCode) Default(string reason, MockProfile profile) => reason switch
    {
        ExpiredPassword => (profile.PasswordExpiredStatus, "password_expired"),
        ExpiredPasswordToken => (401, "password_expired"),
        BadTtl => (profile.InvalidTtlStatus, "invalid_ttl"),
        BadBody => (400, "invalid_json"),
        NotFound => (404, "not_found"),
        WrongMethod => (405, "method_not_allowed"),
        _ => (401, "unauthorized"),
    };
}

public enum CredentialSource
{
    Basic,
    Body,
}

public enum ErrorMessageField
{
    Message,
    Description,
    None,
}

public enum RefreshLifetime
{
    Default,
    Keep,
}

public enum RevokedTokenScope
{
    Everywhere,
    Refresh,
}

public enum TtlOutOfRange
{
    Refuse,
    Clamp,
}

public enum TtlText
{
    Refuse,
    Coerce,
}

public enum TtlNull
{
    Refuse,
    Default,
}

public enum UnreadableBody
{
    Refuse,
    Ignore,
}

/// <summary>How a per-token claim's fresh value is made: <c>uuid</c> (36 characters), <c>hex</c> (32), <c>text</c> (22 base64url), <c>integer</c>.</summary>
public enum PerTokenValue
{
    Uuid,
    Hex,
    Text,
    Integer,
}

public enum UidClaimType
{
    String,
    Number,
}

public enum RequestContentType
{
    Json,
    Any,
}

public enum RefusalBody
{
    Json,
    Text,
    Empty,
}
