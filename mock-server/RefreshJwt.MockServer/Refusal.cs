namespace RefreshJwt.MockServer;

/// <summary>
/// Why a request was refused: its credentials, or (the last two) the HTTP itself. The journal names it; the client
/// sees only the status and an error code.
/// </summary>
public enum RefusalKind
{
    MissingAuthorization,
    WrongScheme,
    EmptyToken,
    Malformed,
    Unsigned,
    AlgorithmNotAllowed,
    CriticalHeader,
    BadSignature,
    Expired,
    NotYetValid,
    InvalidClaims,
    UnknownUser,
    Revoked,
    WrongCredentials,
    UserLocked,
    PasswordExpired,
    BodyTooLarge,
    BadHttp,
}

/// <summary>A refusal and its one-line explanation, for example "expired at 2026-11-26T04:05:00Z (now ..., leeway 0 s)".</summary>
public sealed record Refusal(RefusalKind Kind, string Detail)
{
    public override string ToString() => $"{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Kind.ToString())}: {Detail}";
}
