namespace RefreshJwt.MockServer;

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
