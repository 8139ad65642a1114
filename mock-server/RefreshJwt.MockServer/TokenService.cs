using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RefreshJwt.MockServer;

/// <summary>Issues tokens and judges presented ones the way the cluster does: structure, algorithm, signature, time, user.</summary>
public sealed class TokenService
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

    private Refusal? CheckHeader(CompactJws jws)
    {
        var alg = jws.Algorithm;
        if (alg is null)
        {
            return new Refusal(RefusalKind.Malformed, "the header has no string \"alg\"");
        }

        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase) || jws.SignatureLength == 0)
        {
            return new Refusal(RefusalKind.Unsigned, $"alg \"{alg}\" with a {jws.SignatureLength}-character signature");
        }

        if (!_profile.Algorithms.Contains(alg))
        {
            return new Refusal(RefusalKind.AlgorithmNotAllowed, $"alg \"{alg}\" is not one of {string.Join(", ", _profile.Algorithms)}");
        }

        // RFC 7515 §4.1.11: critical extensions the recipient does not understand make the token invalid.
        return jws.Header.TryGetProperty("crit", out _)
            ? new Refusal(RefusalKind.CriticalHeader, "\"crit\" names extensions the cluster does not support")
            : null;
    }

    private async Task<Refusal?> CheckSignatureAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _signatureOnly);
        return result switch
        {
            { IsValid: true } => null,

            // The handler reads the registered claims before the signature: one of the wrong type (exp null, sub [1])
            // fails there with ArgumentException, and the signature is never looked at.
            { Exception: ArgumentException or SecurityTokenMalformedException } => new Refusal(
                RefusalKind.InvalidClaims, $"a registered claim (exp, nbf, iat, iss, sub, aud, jti) has the wrong type ({result.Exception.GetType().Name})"),
            _ => new Refusal(RefusalKind.BadSignature, $"the signature does not verify with the cluster key ({result.Exception?.GetType().Name})"),
        };
    }

    private Refusal? CheckTimes(JsonElement payload)
    {
        var now = _clock.UnixSeconds;
        var leeway = _profile.LeewaySeconds;
        if (!TryReadTime(payload, "exp", out var exp) || exp is null)
        {
            return new Refusal(RefusalKind.InvalidClaims, "\"exp\" is missing or not a number");
        }

        if (!TryReadTime(payload, "nbf", out var nbf) || !TryReadTime(payload, "iat", out _))
        {
            return new Refusal(RefusalKind.InvalidClaims, "\"nbf\" or \"iat\" is not a number");
        }

        // RFC 7519 §4.1.4: the token must not be accepted on or after its expiry time.
        if (now >= exp + leeway)
        {
            return new Refusal(RefusalKind.Expired, $"expired at {Format(exp.Value)} (now {Format(now)}, leeway {leeway} s)");
        }

        return now + leeway < nbf
            ? new Refusal(RefusalKind.NotYetValid, $"not valid before {Format(nbf.Value)} (now {Format(now)}, leeway {leeway} s)")
            : null;
    }

    private TokenCheck CheckUser(JsonElement payload)
    {
        if (!payload.TryGetProperty("uid", out var uidClaim) || ReadUid(uidClaim) is not { } uid)
        {
            return Refuse(RefusalKind.InvalidClaims, "\"uid\" is missing or not a user id");
        }

        var user = _users.Find(uid);
        var exp = (long)payload.GetProperty("exp").GetDouble();
        var issuedAt = payload.TryGetProperty("iat", out var iat) ? (long)iat.GetDouble() : _clock.UnixSeconds;
        return user?.Status switch
        {
            null => Refuse(RefusalKind.UnknownUser, $"no user has uid {uid}"),
            UserStatus.Locked => Refuse(RefusalKind.UserLocked, $"user {uid} is locked"),
            UserStatus.PasswordExpired => Refuse(RefusalKind.PasswordExpired, $"the password of user {uid} has expired"),
            _ => new TokenCheck(user, exp - issuedAt, exp, null),
        };
    }

    private static int? ReadUid(JsonElement claim) => claim.ValueKind switch
    {
        JsonValueKind.String when int.TryParse(claim.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) => uid,
        JsonValueKind.Number when claim.TryGetInt32(out var uid) => uid,
        _ => null,
    };

    /// <summary>A NumericDate claim (RFC 7519 §2): absent is fine, anything but a finite number is not.</summary>
    private static bool TryReadTime(JsonElement payload, string name, out long? seconds)
    {
        seconds = null;
        if (!payload.TryGetProperty(name, out var claim))
        {
            return true;
        }

        if (claim.ValueKind != JsonValueKind.Number || !claim.TryGetDouble(out var value) || value is < -LatestTime or > LatestTime)
        {
            return false;
        }

        seconds = (long)Math.Floor(value);
        return true;
    }

    private static string Format(long unixSeconds) =>
        unixSeconds is < MinUnixSeconds or > MaxUnixSeconds
            ? $"{unixSeconds} s after 1970"
            : DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Signature(string token) => token[(token.LastIndexOf('.') + 1)..];

    private static TokenCheck Refuse(RefusalKind kind, string detail) => new(null, 0, 0, new Refusal(kind, detail));
}

/// <summary>The outcome of <see cref="TokenService.CheckAsync"/>: a user, the token's lifetime and expiry, or a refusal.</summary>
public sealed record TokenCheck(MockUser? User, long LifetimeSeconds, long ExpiresAt, Refusal? Refusal)
{
    /// <summary>The presented token as the journal shows it, when it decoded as a JWS.</summary>
    public TokenSummary? Summary { get; init; }

    public bool IsValid => Refusal is null;
}
