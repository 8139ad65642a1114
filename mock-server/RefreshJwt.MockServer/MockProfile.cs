using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// How the mock behaves where the Redis docs leave a choice open. Profiles live in
/// <c>fixtures/profiles/NAME.json</c>; README's "Profiles" table says which doc line each setting comes from.
/// </summary>
public sealed record MockProfile
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

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

    /// <summary>Lifetime of a token refreshed without ttl: the documented default, or the presented token's.</summary>
    public RefreshLifetime RefreshWithoutTtl { get; init; } = RefreshLifetime.Default;

    /// <summary>Whether a refreshed token stops working once it has been exchanged.</summary>
    public bool RevokeOnRefresh { get; init; }

    /// <summary>Clock-skew allowance on <c>exp</c> and <c>nbf</c>, in seconds.</summary>
    public int LeewaySeconds { get; init; }

    /// <summary>Signing algorithms accepted on incoming tokens; the first signs new ones.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["HS256"];

    /// <summary>Claims added to every issued token besides <c>iat</c>, <c>exp</c> and <c>uid</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraClaims { get; init; } = new Dictionary<string, JsonElement>();

    public static MockProfile Load(string path)
    {
        var profile = Fixtures.ReadJson<MockProfile>(path);
        return profile.Validate(path);
    }

    private MockProfile Validate(string path)
    {
        string? problem = this switch
        {
            { AuthorizeCredentials.Count: 0 } => "authorizeCredentials is empty",
            { TokenSchemes.Count: 0 } => "tokenSchemes is empty",
            { Algorithms.Count: 0 } => "algorithms is empty",
            _ when Algorithms.Any(a => a is not ("HS256" or "HS384" or "HS512")) => "algorithms may only hold HS256, HS384, HS512",
            { LeewaySeconds: < 0 } => "leewaySeconds is negative",
            { PasswordExpiredStatus: < 400 or > 499 } => "passwordExpiredStatus is not a 4xx status",
            { InvalidTtlStatus: < 400 or > 499 } => "invalidTtlStatus is not a 4xx status",
            _ when ExtraClaims.Keys.Any(k => k is "iat" or "exp" or "uid" or "nbf") => "extraClaims may not redefine iat, exp, nbf or uid",
            _ when ExtraClaims.Any(c => c.Key is "iss" or "sub" or "jti" && c.Value.ValueKind != JsonValueKind.String) =>
                "extraClaims iss, sub and jti must be strings (RFC 7519 §4.1)",
            _ => null,
        };
        return problem is null ? this : throw new MockConfigurationException($"profile {path}: {problem}");
    }
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
