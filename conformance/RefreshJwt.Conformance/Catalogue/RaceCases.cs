using System.Globalization;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// What clients get wrong under load: several threads refreshing one token at once, a token used again after it was
/// refreshed, a refresh in the last second of a token's life. Whatever the target decides, it must not fail with a 5xx
/// or hand out a token that does not work.
/// </summary>
[Order(11)]
public sealed class RaceCases : ConformanceCases
{
    /// <summary>Enough to overlap on any server, few enough for a login lockout or a rate limit not to matter.</summary>
    private const int ParallelRefreshes = 6;

    [Test]
    [Case("R01", Level.Must, "Parallel refreshes of one token: no 5xx, and every 200 carries a token that works (is refreshed again)", Sources.RefreshJwtResponse, Basis.Reading, Readings = [Reading.TokenWorks, Reading.NoServerError])]
    public async Task Parallel_refreshes_of_one_token_stay_sound()
    {
        var token = await TokenAsync();
        var replies = await Task.WhenAll(Enumerable.Range(1, ParallelRefreshes)
            .Select(i => Api.RefreshTokenAsync($"parallel refresh {i} of {ParallelRefreshes}", token.Raw, ttl: null)));
        RequireAnswers(replies, ParallelRefreshes, "parallel refreshes");
        var problems = new List<string?>();
        var issued = new List<string>();
        var winners = new List<DecodedToken>();
        foreach (var (reply, i) in replies.Select((r, i) => (r, i + 1)))
        {
            problems.Add(Expect.NoServerError(reply, $"parallel refresh {i}"));
            if (reply.Status == 200)
            {
                problems.Add(Expect.IssuedToken(reply, $"parallel refresh {i}", out var fresh));
                if (fresh is not null)
                {
                    issued.Add(fresh.Raw);
                    winners.Add(fresh);
                }
            }
        }

        Observe("refreshes that won", $"{issued.Count} of {ParallelRefreshes}");
        Observe("winners issued in one second", InOneSecond(winners));
        Observe("statuses of the others", string.Join(", ", replies.Where(r => r.Status != 200 || !r.Answered).Select(r => r.Answered ? $"{r.Status}" : r.Outcome).Order(StringComparer.Ordinal)) is { Length: > 0 } others ? others : "none");
        // Every winner is checked, twins too (the same claims signed in the same second are one string), so the evidence
        // does not depend on the second the refreshes fell in. A twin is one token: once this check has exchanged it, a
        // server that revokes refreshed tokens rightly refuses it, so only the first check of each string judges it.
        var checkedTokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (raw, i) in issued.Select((t, i) => (t, i + 1)))
        {
            var check = await Api.RefreshTokenAsync($"refresh token {i} won in parallel", raw, ttl: null);
            var judged = checkedTokens.Add(raw);
            problems.Add(check is { Answered: true, Status: 200 } || !judged ? null : $"token {i} won in parallel does not work: refreshing it answered {check.Summary(Target.Redactor)}");
        }

        Expect.All(problems);
    }

    [Test]
    [Case("R02", Level.Info, "Reuse of a token after it was refreshed: accepted again (no revocation) or refused?", Sources.Q4RefreshLifetime, Basis.Open)]
    public async Task Reuse_after_refresh_is_recorded()
    {
        var token = await TokenAsync();
        var first = await Api.RefreshTokenAsync("refresh", token.Raw, ttl: null);
        var read = await Api.GetUserAsync("read a user with the refreshed (old) token", UserOf(token), token.Raw);
        var again = await Api.RefreshTokenAsync("refresh the old token again", token.Raw, ttl: null);
        Observe("old token on GET /v1/users/{uid} after refresh", read is { Answered: true, Status: 200 } ? "accepted" : read.Answered ? $"refused ({read.Status.ToString(CultureInfo.InvariantCulture)})" : read.Outcome);
        Observe("old token refreshed again", again.Outcome);
        Expect.All(Expect.NoServerError(first, "refresh"), Expect.NoServerError(read, "old token on GET"), Expect.NoServerError(again, "second refresh"));
    }

    [Test]
    [Case("R03", Level.Must, "A refresh in the last second of a token's life gets a new token that works (outlives the old one, is refreshed again), or 401", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Exp, Basis.Reading, Readings = [Reading.IssuedNow, Reading.TokenWorks])]
    public async Task Refresh_in_the_last_second_is_sound()
    {
        DecodedToken token;
        if (Target.Mock is { } mock)
        {
            token = await TokenAsync(ttl: 60);
            await mock.AdvanceClockToAsync(token.ExpiresAt!.Value - 1);
        }
        else
        {
            // A cluster is waited for: its clock's phase within a second is unknown, so "the last second" cannot be hit
            // exactly. A 3 s token refreshed a little over a second after it arrived is refreshed in a later second than its
            // iat (a server that gives the new token the old one's lifetime then gives it a later exp) and, whatever the
            // phase, before its exp: the outcome does not depend on when in a second the run happened to start.
            token = await TokenAsync(ttl: 3);
            await LetTimePassAsync(TimeSpan.FromSeconds(1.05), "into the token's last seconds");
        }

        var reply = await Api.RefreshTokenAsync("refresh in the token's last second", token.Raw, ttl: null);
        Observe("outcome", reply.Outcome);
        if (reply is not { Answered: true, Status: 200 })
        {
            Expect.All(Expect.Refused(reply, "refresh in the last second (a refusal must be 401)"));
            return;
        }

        Expect.All(Expect.IssuedToken(reply, "refresh in the last second", out var fresh));
        var use = await Api.RefreshTokenAsync("refresh the token issued in the last second", fresh!.Raw, ttl: null);
        Expect.All(
            fresh.ExpiresAt <= fresh.IssuedAt ? $"the new token expired as it was issued (exp {fresh.ExpiresAt}, iat {fresh.IssuedAt})" : null,
            fresh.ExpiresAt <= token.ExpiresAt ? $"the new token expires no later than the one it replaced (exp {fresh.ExpiresAt}, old exp {token.ExpiresAt})" : null,
            use is { Answered: true, Status: 200 } ? null : $"the new token does not work: refreshing it answered {use.Summary(Target.Redactor)}");
    }

    /// <summary>
    /// Whether tokens won in the same second are one string (no per-token claim such as jti) or differ. How many distinct
    /// tokens there were depends on how the refreshes fell across a second boundary, so that count is not recorded: a
    /// comparison of two runs (--fidelity) would see a difference where there is none.
    /// </summary>
    private static string InOneSecond(IReadOnlyList<DecodedToken> winners)
    {
        var seconds = winners.GroupBy(t => t.IssuedAt).Where(g => g.Count() > 1).ToList();
        return seconds.Count == 0 ? "no two winners in one second"
            : seconds.Any(g => g.Select(t => t.Raw).Distinct(StringComparer.Ordinal).Count() > 1) ? "differ (a claim that varies per token)"
            : "are one string (the same claims signed in the same second)";
    }

    private static string UserOf(DecodedToken token) => token.User?.Value ?? "1";
}
