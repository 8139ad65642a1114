namespace RefreshJwt.Conformance.Catalogue;

/// <summary>Where each case's expectation comes from: a Redis doc page and section, or an RFC section.</summary>
public static class Sources
{
    private const string RestApi = "https://redis.io/docs/latest/operate/rs/references/rest-api";

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
    public const string Rfc7519Exp = "RFC 7519 §4.1.4 (exp)";
    public const string Rfc7519Nbf = "RFC 7519 §4.1.5 (nbf)";
    public const string Rfc7519Structure = "RFC 7519 §7.2 (validating a JWT)";
    public const string Rfc7515Crit = "RFC 7515 §4.1.11 (crit)";
    public const string Rfc7518None = "RFC 7518 §3.6 (alg none)";
    public const string Rfc8725Algorithms = "RFC 8725 §3.1 (algorithm verification)";
    public const string Rfc8725Keys = "RFC 8725 §3.5 (key entropy)";
    public const string Rfc8725Typing = "RFC 8725 §3.11 (explicit typing)";
    public const string Rfc9110Scheme = "RFC 9110 §11.1 (authentication scheme)";
    public const string OpenQuestion = "rs-jwt-facts.md §11 (open question): the docs are silent";
}
