using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RefreshJwt.ReferenceServers;

/// <summary>Issues this server's tokens: HS256 under its own key, with the claim set and value kinds it chose.</summary>
public sealed class TokenMinter(byte[] key, ReferenceChoices choices, ReferenceClock clock)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256);

    /// <summary>A token for <paramref name="user"/> issued now and living <paramref name="lifetime"/> seconds.</summary>
    public string Issue(ReferenceUser user, long lifetime)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iat"] = now,
            ["exp"] = now + lifetime,
            ["uid"] = choices.Uid == UidKind.Text ? user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture) : user.Uid,
        };
        // A server that revokes must tell tokens apart: two issued in one second for one user would be one string.
        if (choices.Claims == ClaimSet.Rich || choices.RevokeRefreshed)
        {
            claims["jti"] = Guid.NewGuid().ToString();
        }

        if (choices.Claims == ClaimSet.Rich)
        {
            claims["username"] = user.Email;
            claims["nbf"] = now;
            claims["role"] = user.Role;
        }

        // The payload is given as JSON, so the handler adds no claim of its own.
        return _handler.CreateToken(JsonSerializer.Serialize(claims), _credentials);
    }
}
