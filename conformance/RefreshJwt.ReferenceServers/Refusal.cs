namespace RefreshJwt.ReferenceServers;

/// <summary>Why a request was refused: each reason can carry its own <c>error_code</c>.</summary>
public enum Refusal
{
    WrongCredentials,
    PasswordExpired,
    MissingToken,
    InvalidToken,
    ExpiredToken,
    RevokedToken,
    BadTtl,
    MalformedRequest,
    UnknownUser,
}
