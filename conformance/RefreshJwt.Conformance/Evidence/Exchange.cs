namespace RefreshJwt.Conformance.Evidence;

/// <summary>One request and its response as evidence keeps them: already redacted, safe to print and store.</summary>
public sealed record Exchange(
    string Label,
    string Method,
    string Path,
    string? Authorization,
    string? AuthorizationScheme,
    string? RequestBody,
    int Status,
    string? ContentType,
    string ResponseBody,
    NormalizedResponse Normalized,
    string? TransportError = null);

/// <summary>
/// What a snapshot keeps of a response: stable across runs and targets of the same behaviour. Token strings,
/// signatures and absolute times are gone; the shape, the error fields and <c>exp - iat</c> stay.
/// </summary>
public sealed record NormalizedResponse(
    int Status,
    string? ContentType,
    IReadOnlyList<string>? BodyFields,
    string? ErrorCode,
    NormalizedToken? Token,
    string? BodyKind);

/// <summary>A token in a snapshot: its decoded header, its claim names, and <c>exp - iat</c>.</summary>
public sealed record NormalizedToken(IReadOnlyDictionary<string, string> Header, IReadOnlyList<string> ClaimNames, long? Lifetime);
