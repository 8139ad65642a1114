namespace RefreshJwt.MockServer;

/// <summary>C07, C08, C09: when the client sends, against Retry-After and its tokens' lifetimes.</summary>
public sealed partial class ClientReport
{
    private void CheckTiming(JournalEntry entry, string endpoint)
    {
        var now = entry.Time.ToUnixTimeSeconds();
        if (entry.Status == 200 && endpoint == "refresh_jwt"
            && Claim(entry.PresentedToken, "iat") is { } iat && Claim(entry.PresentedToken, "exp") is { } exp && exp > iat
            && now - iat < (exp - iat) / 2.0)
        {
            _tallies["C09"].Add(entry.Time, null, (long)Math.Round(100.0 * (now - iat) / (exp - iat)));
        }

        if (entry.User is not { } user)
        {
            return;
        }

        if (entry.Status == 200 && endpoint == "authorize" && _validUntil.TryGetValue(user, out var until) && until > now)
        {
            _tallies["C08"].Add(entry.Time, null, until - now);
        }

        if (entry.Status == 200 && Claim(entry.IssuedToken, "exp") is { } issuedExp)
        {
            _validUntil[user] = issuedExp;
        }
    }

    private void CheckRetryAfter(JournalEntry entry, string endpoint)
    {
        if (_retryAfter.TryGetValue(endpoint, out var until))
        {
            if (entry.Time < until)
            {
                var early = (long)Math.Ceiling((until - entry.Time).TotalSeconds);
                _tallies["C07"].Add(entry.Time, null, early);
            }
            else
            {
                _retryAfter.Remove(endpoint);
            }
        }
    }
}
