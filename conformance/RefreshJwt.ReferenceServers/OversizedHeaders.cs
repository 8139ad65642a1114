namespace RefreshJwt.ReferenceServers;

/// <summary>The HTTP layer's answer to request headers too large for it, before the API sees the request.</summary>
public enum OversizedHeaders
{
    /// <summary>Kestrel's own limit (32 KB) and answer: 431 without a body.</summary>
    Kestrel,

    /// <summary>A front proxy's answer: 431 with an HTML page past 8 KB of headers.</summary>
    Html431,

    /// <summary>No practical limit: the API itself refuses the oversized token.</summary>
    Unlimited,
}
