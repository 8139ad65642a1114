using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>Loading a profile file and checking it whole, and the refusal shape each reason gets.</summary>
public sealed partial record MockProfile
{
    public static MockProfile Load(string path)
    {
        var profile = Fixtures.ReadJson<MockProfile>(path);
        return profile.Validate(path).ValidateLockout(path);
    }

    /// <summary>The answer to a refusal of <paramref name="reason"/>: the profile's shape over the reason's default.</summary>
    public RefusalShape Refusal(string reason)
    {
        var (status, code) = RefusalReasons.Default(reason, this);
        var shape = Refusals.GetValueOrDefault(reason);
        var body = shape?.Body ?? (ErrorMessageField == ErrorMessageField.None ? RefusalBody.Empty : RefusalBody.Json);
        return new RefusalShape
        {
            Status = shape?.Status ?? status,
            ErrorCode = shape?.ErrorCode ?? code,
            Body = body,
            Fields = shape?.Fields ?? (body == RefusalBody.Json ? ["error_code", ErrorMessageField == ErrorMessageField.Description ? "description" : "message"] : []),
            ContentType = shape?.ContentType ?? body switch
            {
                RefusalBody.Json => ApiResponse.JsonContentType,
                RefusalBody.Text => "text/plain",
                _ => null,
            },
        };
    }

    private MockProfile Validate(string path)
    {
        string[] reserved = ["iat", "exp", "uid", "nbf"];
        string? problem = this switch
        {
            { AuthorizeCredentials.Count: 0 } => "authorizeCredentials is empty",
            { TokenSchemes.Count: 0 } => "tokenSchemes is empty",
            _ when TokenSchemes.Any(s => s.Length == 0 || !s.All(char.IsAsciiLetterOrDigit)) => "tokenSchemes may only hold words of letters and digits",
            { Algorithms.Count: 0 } => "algorithms is empty",
            _ when Algorithms.Any(a => a is not ("HS256" or "HS384" or "HS512")) => "algorithms may only hold HS256, HS384, HS512",
            { LeewaySeconds: < 0 } => "leewaySeconds is negative",
            { LeewaySeconds: > 86400 } => "leewaySeconds is more than a day (86400)",
            { ClockOffsetSeconds: < -31_536_000 or > 31_536_000 } => "clockOffsetSeconds must be within a year (±31536000)",
            { PasswordExpiredStatus: < 400 or > 499 } => "passwordExpiredStatus is not a 4xx status",
            { InvalidTtlStatus: < 400 or > 499 } => "invalidTtlStatus is not a 4xx status",
            _ when ExtraClaims.Keys.Any(reserved.Contains) => "extraClaims may not redefine iat, exp, nbf or uid",
            _ when ExtraClaims.Any(c => c.Key is "iss" or "sub" or "jti" && c.Value.ValueKind != JsonValueKind.String) =>
                "extraClaims iss, sub and jti must be strings (RFC 7519 §4.1)",
            _ when PerTokenClaims?.Keys.FirstOrDefault(k => reserved.Contains(k) || ExtraClaims.ContainsKey(k)) is { } claim =>
                $"perTokenClaims.{claim} is reserved or already in extraClaims",
            _ when PerTokenClaims?.FirstOrDefault(c => c.Key is "iss" or "sub" or "jti" && c.Value == PerTokenValue.Integer) is { Key: { } claim } =>
                $"perTokenClaims.{claim} must be a string kind (RFC 7519 §4.1)",
            _ when TokenHeader.Keys.FirstOrDefault(k => k is "alg" or "crit" or "x5t" or "enc" or "zip" || k.Length == 0) is { } name =>
                $"tokenHeader.{name} may not be set (alg comes from algorithms; crit, x5t, enc and zip the mock cannot honour)",
            _ when TokenHeader.TryGetValue("kid", out var kid) && kid.ValueKind != JsonValueKind.String => "tokenHeader.kid must be a string",
            _ when TokenHeader.TryGetValue("typ", out var typ) && typ.ValueKind != JsonValueKind.String => "tokenHeader.typ must be a string",
            _ when TokenHeader.FirstOrDefault(h => h.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)) is { Key: { } name } =>
                $"tokenHeader.{name} must be a string, number or boolean",
            { UserFields: { } fields } when fields.Any(f => f.Length == 0) || fields.Distinct().Count() != fields.Count => "userFields holds an empty or repeated name",
            _ when NotObserved.FirstOrDefault(s => !Settings.Contains(s)) is { } unknown => $"notObserved names an unknown setting \"{unknown}\"",
            _ => Refusals.Select(r => ValidateRefusal(r.Key, r.Value)).FirstOrDefault(p => p is not null),
        };
        return problem is null ? this : throw new MockConfigurationException($"profile {path}: {problem}");
    }

    private static string? ValidateRefusal(string reason, RefusalShape shape) => shape switch
    {
        _ when !RefusalReasons.All.Contains(reason) => $"refusals.{reason} is not a refusal reason (known: {string.Join(", ", RefusalReasons.All)})",
        { Status: < 400 or > 599 } => $"refusals.{reason}.status is not a 4xx or 5xx status",
        { ErrorCode.Length: 0 } => $"refusals.{reason}.errorCode is empty",
        { Fields: { } fields } when fields.Any(f => f.Length == 0) || fields.Distinct().Count() != fields.Count => $"refusals.{reason}.fields holds an empty or repeated name",
        { Fields.Count: > 0, Body: RefusalBody.Empty or RefusalBody.Text } => $"refusals.{reason}.fields needs a json body",
        { ContentType: { } type } when type.Length == 0 || type.Any(char.IsControl) => $"refusals.{reason}.contentType is not a media type",
        _ => null,
    };
}
