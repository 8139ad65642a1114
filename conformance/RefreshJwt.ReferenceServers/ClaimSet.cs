namespace RefreshJwt.ReferenceServers;

/// <summary>Which claims an issued token carries: the docs' example token has <c>iat</c>, <c>exp</c> and <c>uid</c>; no page names them.</summary>
public enum ClaimSet
{
    /// <summary><c>iat exp uid</c>.</summary>
    Minimal,

    /// <summary><c>iat exp uid username jti nbf role</c>.</summary>
    Rich,
}
