using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace RefreshJwt.MockServer;

// The checks a presented token goes through: header, signature, times, user.
public sealed partial class TokenService
{
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
