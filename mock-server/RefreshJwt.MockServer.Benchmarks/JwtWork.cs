using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>
/// The JWT work of a refresh, for the baselines: validate the presented HS256 token (signature and lifetime), read
/// <c>{"ttl": n}</c>, sign a new token for the same uid. The mock does this and more (strict structure, users, journal).
/// </summary>
internal sealed class JwtWork
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters _parameters;
    private readonly SigningCredentials _signing;

    public JwtWork(byte[] key)
    {
        var securityKey = new SymmetricSecurityKey(key);
        _signing = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ClockSkew = TimeSpan.Zero,
        };
    }

    public async Task<(int Status, string Body)> RefreshAsync(string? authorization, string? body)
    {
        if (authorization is null || !authorization.StartsWith("JWT ", StringComparison.Ordinal))
        {
            return (401, """{"error_code":"unauthorized"}""");
        }

        var result = await _handler.ValidateTokenAsync(authorization[4..], _parameters);
        if (!result.IsValid || !result.Claims.TryGetValue("uid", out var uid))
        {
            return (401, """{"error_code":"unauthorized"}""");
        }

        var ttl = 300;
        if (!string.IsNullOrWhiteSpace(body))
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("ttl", out var value) && value.TryGetInt32(out var seconds))
            {
                ttl = seconds;
            }
        }

        return (200, JsonSerializer.Serialize(new { access_token = Issue(Convert.ToString(uid, CultureInfo.InvariantCulture)!, ttl) }));
    }

    public string Issue(string uid, int ttl)
    {
        var now = DateTimeOffset.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["uid"] = uid },
            IssuedAt = now.UtcDateTime,
            Expires = now.AddSeconds(ttl).UtcDateTime,
            SigningCredentials = _signing,
        });
    }
}
