namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// What the suite believes the documented contract is: its one home, read by every case and by the client. Each fact
/// is stated, with its public source and the level the suite gives it, in <c>docs/contract.md</c>. The mock keeps its
/// own copy of the rules it plays (an independent checker shares nothing with what it checks).
/// </summary>
public static class Contract
{
    /// <summary><c>POST</c>: issues the first token (docs/contract.md#endpoints).</summary>
    public const string AuthorizePath = "/v1/users/authorize";

    /// <summary><c>POST</c>: exchanges a valid token for a new one (docs/contract.md#endpoints).</summary>
    public const string RefreshJwtPath = "/v1/users/refresh_jwt";

    /// <summary><c>GET</c> with a uid: reads a user; used to check a refreshed token works elsewhere (docs/contract.md#endpoints).</summary>
    public const string UsersPath = "/v1/users";

    /// <summary>The only documented way to present a token: <c>Authorization: JWT &lt;token&gt;</c> (docs/contract.md#presenting-a-token).</summary>
    public const string Scheme = "JWT";

    /// <summary>The smallest documented ttl, in seconds (docs/contract.md#ttl).</summary>
    public const int MinTtl = 1;

    /// <summary>The largest documented ttl, in seconds (docs/contract.md#ttl).</summary>
    public const int MaxTtl = 86400;

    /// <summary>The lifetime of a token asked for without ttl (docs/contract.md#ttl).</summary>
    public const int DefaultTtl = 300;

    /// <summary>A success carries a new token (docs/contract.md#responses).</summary>
    public const int Issued = 200;

    /// <summary>"The token is invalid or password has expired"; on authorize, wrong credentials (docs/contract.md#responses).</summary>
    public const int Unauthorized = 401;

    /// <summary>"If the client specifies an invalid header, the request will fail with a 400"; malformed authorize requests (docs/contract.md#responses).</summary>
    public const int BadRequest = 400;

    /// <summary>
    /// What a token that is not even well-formed may get: 401, "the token is invalid" (refresh_jwt), or 400, the API
    /// index's invalid header (docs/contract.md#responses).
    /// </summary>
    public static readonly int[] NotWellFormed = [Unauthorized, BadRequest];

    /// <summary>The one documented error code: a user whose password has expired (docs/contract.md#responses).</summary>
    public const string PasswordExpired = "password_expired";

    /// <summary>The documented JSON field of a success body (docs/contract.md#responses).</summary>
    public const string AccessToken = "access_token";

    /// <summary>The documented media type of responses (docs/contract.md#responses).</summary>
    public const string JsonMediaType = "application/json";

    /// <summary>Whether <paramref name="seconds"/> is a lifetime the contract allows a token to have.</summary>
    public static bool AllowsLifetime(long seconds) => seconds is >= MinTtl and <= MaxTtl;
}
