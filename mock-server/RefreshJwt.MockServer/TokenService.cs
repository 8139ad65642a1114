using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RefreshJwt.MockServer;

/// <summary>Issues tokens and judges presented ones the way the cluster does: structure, algorithm, signature, time, user.</summary>
public sealed partial class TokenService
{
    /// <summary>The latest NumericDate a claim may carry (year 5138); anything beyond is refused as not a time.</summary>
    public const long LatestTime = 100_000_000_000;

    // The instants DateTimeOffset can show: an exp of -7e10 is a number, but no date.
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly SymmetricSecurityKey _signingKey;
    private readonly MockProfile _profile;
    private readonly MockClock _clock;
    private readonly UserDirectory _users;
    private readonly TokenValidationParameters _signatureOnly;
    private readonly SigningCredentials _signing;
    private readonly Dictionary<string, object>? _extraHeader;
    private readonly ConcurrentDictionary<string, long> _revoked = new();
    private long _nextPrune;
    private long _serial = RandomNumberGenerator.GetInt32(1, 1_000_000);

    public TokenService(byte[] signingKey, MockProfile profile, MockClock clock, UserDirectory users)
    {
        _key = new SymmetricSecurityKey(signingKey);
        _signingKey = profile.TokenHeader.TryGetValue("kid", out var kid) ? new SymmetricSecurityKey(signingKey) { KeyId = Primitive(kid).ToString() } : _key;
        _profile = profile;
        _clock = clock;
        _users = users;

        // One set of credentials for every token: the token library caches its signer per credentials' key.
        _signing = new SigningCredentials(_signingKey, profile.Algorithms[0]);

        // The token library writes typ from TokenType and kid from the key; the rest go in as they are.
        var extraHeader = profile.TokenHeader.Where(h => h.Key is not ("typ" or "kid")).ToDictionary(h => h.Key, h => Primitive(h.Value));
        _extraHeader = extraHeader.Count == 0 ? null : extraHeader;
        _signatureOnly = new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAlgorithms = profile.Algorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    /// <summary>A random key long enough for every HMAC algorithm a profile may allow.</summary>
    public static byte[] RandomKey() => RandomNumberGenerator.GetBytes(64);

    /// <summary>A token for <paramref name="user"/>, issued now, with <c>exp = iat + lifetime</c>.</summary>
    public string Issue(MockUser user, int lifetimeSeconds)
    {
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(_clock.UnixSeconds);
        var claims = new Dictionary<string, object>
        {
            ["uid"] = _profile.UidClaimType == UidClaimType.Number ? user.Uid : user.Uid.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in _profile.ExtraClaims)
        {
            claims[name] = value;
        }

        foreach (var (name, kind) in _profile.PerTokenClaims ?? new Dictionary<string, PerTokenValue>())
        {
            claims[name] = FreshValue(kind);
        }

        // Two tokens for one user in one second are otherwise the same string: revoking one would revoke both.
        if (_profile.RevokeOnRefresh && _profile.PerTokenClaims is null)
        {
            claims["jti"] = Guid.NewGuid().ToString("N");
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = issuedAt.AddSeconds(lifetimeSeconds).UtcDateTime,
            SigningCredentials = _signing,
            TokenType = _profile.TokenHeader.TryGetValue("typ", out var typ) ? typ.GetString() : null,
            AdditionalHeaderClaims = _extraHeader,
        });
    }

    private object FreshValue(PerTokenValue kind) => kind switch
    {
        PerTokenValue.Uuid => Guid.NewGuid().ToString(),
        PerTokenValue.Hex => Guid.NewGuid().ToString("N"),
        PerTokenValue.Text => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        _ => Interlocked.Increment(ref _serial),
    };

    private static object Primitive(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetBoolean(),
    };

    /// <summary>
    /// Judges a presented token; on success the result names the user and the token's lifetime. <paramref name="exchanging"/>
    /// says the token is presented to refresh_jwt, where a revoked token is always refused.
    /// </summary>
    public async Task<TokenCheck> CheckAsync(string token, bool exchanging)
    {
        var jws = CompactJws.TryParse(token, out var problem);
        if (jws is null)
        {
            return Refuse(RefusalKind.Malformed, problem);
        }

        // The token is decoded once: the journal's summary comes from the same decoding.
        var summary = TokenSummary.Of(jws);
        var refusal = CheckHeader(jws) ?? await CheckSignatureAsync(token) ?? CheckTimes(jws.Payload);
        if (refusal is not null)
        {
            return new TokenCheck(null, 0, 0, refusal) { Summary = summary };
        }

        if ((exchanging || _profile.RevokedTokenScope == RevokedTokenScope.Everywhere) && _revoked.ContainsKey(Signature(token)))
        {
            return Refuse(RefusalKind.Revoked, "this token was already exchanged by refresh_jwt") with { Summary = summary };
        }

        return CheckUser(jws.Payload) with { Summary = summary };
    }

    /// <summary>
    /// Stops a token working once refresh_jwt exchanges it, when the profile says so. Claiming the token is one atomic
    /// step, so of two refreshes racing with the same token only one wins; false tells the loser.
    /// </summary>
    public bool TryRetire(string token, long exp)
    {
        if (!_profile.RevokeOnRefresh)
        {
            return true;
        }

        // Forgetting tokens that are refused anyway, at most once a minute, keeps each refresh O(1). A token is refused
        // as expired only from exp + leeway on: forgetting it at exp would let it be replayed within the leeway. The
        // clock can be moved forward and reset back, so "refused anyway" is judged against the earliest time it can
        // show again, not the time it shows now.
        var now = _clock.UnixSeconds;
        if (now >= Interlocked.Read(ref _nextPrune))
        {
            Interlocked.Exchange(ref _nextPrune, now + 60);
            var floor = _clock.FloorUnixSeconds;
            foreach (var stale in _revoked.Where(r => r.Value <= floor))
            {
                _revoked.TryRemove(stale);
            }
        }

        return _revoked.TryAdd(Signature(token), exp + _profile.LeewaySeconds);
    }
}
