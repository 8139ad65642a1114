namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// Where each case's expectation comes from: a Redis doc page, an RFC section, or the project's own
/// <c>docs/contract.md</c> (for what the docs leave open). Every source is something a reader can open.
/// </summary>
public static class Sources
{
    private const string RestApi = "https://redis.io/docs/latest/operate/rs/references/rest-api";
    private const string Rfc = "https://www.rfc-editor.org/rfc/";

    /// <summary>The project's statement of the contract: documented facts with their URLs, and the open questions.</summary>
    public const string ContractDoc = "docs/contract.md";

    public const string RefreshJwt = RestApi + "/requests/users/refresh_jwt/";
    public const string RefreshJwtResponse = RefreshJwt + " (Response: {\"access_token\"}; Status codes: 200 \"A new token is given\")";
    public const string RefreshJwt401 = RefreshJwt + " (Status codes: 401 \"The token is invalid or password has expired\")";
    public const string Authorize = RestApi + "/requests/users/authorize/";
    public const string AuthorizeStatus = Authorize + " (Status codes: 200, 400, 401)";
    public const string AuthorizeTtl = Authorize + " (Request body: ttl, default 300, min 1, max 86400)";
    public const string AuthorizeErrors = Authorize + " (Error codes: password_expired)";
    public const string JwtAuthorizeObject = RestApi + "/objects/jwt_authorize/ (ttl: integer, range 1-86400, default 300; \"user authentication or a JW token refresh request\")";
    public const string Users = RestApi + "/requests/users/ (GET /v1/users/{uid})";
    public const string ApiIndex = RestApi + "/ (Content-Type application/json on responses)";
    public const string InvalidHeader = RestApi + "/ (\"If the client specifies an invalid header, the request will fail with a 400\")";
    public const string Rfc7519Exp = Rfc + "rfc7519#section-4.1.4 (exp)";
    public const string Rfc7519Nbf = Rfc + "rfc7519#section-4.1.5 (nbf)";
    public const string Rfc7519Claims = Rfc + "rfc7519#section-4.1 (registered claim names)";
    public const string Rfc7519Duplicates = Rfc + "rfc7519#section-4 (duplicate claim names)";
    public const string Rfc7519Structure = Rfc + "rfc7519#section-7.2 (validating a JWT)";
    public const string Rfc7515Crit = Rfc + "rfc7515#section-4.1.11 (crit)";
    public const string Rfc7518None = Rfc + "rfc7518#section-3.6 (alg none)";
    public const string Rfc8725Algorithms = Rfc + "rfc8725#section-3.1 (algorithm verification)";
    public const string Rfc8725Keys = Rfc + "rfc8725#section-3.5 (key entropy)";
    public const string Rfc8725Urls = Rfc + "rfc8725#section-3.10 (key URLs and kid)";
    public const string Rfc8725Typing = Rfc + "rfc8725#section-3.11 (explicit typing)";
    public const string Rfc9110Scheme = Rfc + "rfc9110#section-11.1 (authentication scheme)";
    public const string Rfc9110BadRequest = Rfc + "rfc9110#section-15.5.1 (400 Bad Request)";

    /// <summary>The ttl range, and what the suite makes of values outside it (refused or clamped: a silent choice).</summary>
    public const string TtlLevels = ContractDoc + "#ttl (out-of-range ttl: refused with 400 is a SHOULD, clamping is recorded)";

    /// <summary>How the suite judges expiry: refused by exp + --max-leeway (MUST), within --expiry-margin (SHOULD), the leeway recorded.</summary>
    public const string Expiry = ContractDoc + "#expiry-and-leeway";

    // Questions the docs leave open, as docs/contract.md numbers them: what the target does is recorded (INFO).
    public const string Q1Refusals = ContractDoc + "#q1 (open question: what a refusal looks like)";
    public const string Q2Schemes = ContractDoc + "#q2 (open question: schemes other than JWT)";
    public const string Q3TtlBodies = ContractDoc + "#q3 (open question: ttl bodies the docs do not describe)";
    public const string Q4RefreshLifetime = ContractDoc + "#q4 (open question: refresh without ttl, and the old token after a refresh)";
    public const string Q7Claims = ContractDoc + "#q7 (open question: the claim set and algorithm)";
    public const string Q8Clock = ContractDoc + "#q8 (open question: the target's clock)";
}
