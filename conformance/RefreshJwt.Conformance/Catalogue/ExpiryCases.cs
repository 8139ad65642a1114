using System.Diagnostics;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// Expiry, always on the target's own clock, and measured rather than assumed: a token asked for with ttl 1 is
/// presented just after its <c>exp</c>, then again at growing intervals while it is still accepted, up to
/// <c>--max-leeway</c>. The mock's clock is moved (and the edge found to the second); a cluster is waited out, with a
/// progress line at least every few seconds. Nothing here waits longer than the token's 1 s plus <c>--max-leeway</c>.
/// </summary>
[Order(4)]
public sealed class ExpiryCases : ConformanceCases
{
    [Test]
    [Case("E01", Level.Must, "A token past its exp is refused with 401 by exp + --max-leeway (default 300 s)", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Exp + "; " + Sources.Expiry, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Expired_token_is_refused()
    {
        var leeway = await Target.LeewayAsync(MeasureAsync);
        FailIfUnanswered(leeway);
        Expect.All(leeway switch
        {
            { Measured: false } => $"could not test expiry (a failed MUST): {leeway.Problem}",
            { RefusedAt: null } => $"the token was still accepted {leeway.AcceptedUntil} s past its exp (--max-leeway {leeway.MaxLeeway} s)",
            { RefusalStatus: not Contract.Unauthorized } => $"refresh {leeway.RefusedAt} s past exp: expected {Contract.Unauthorized}, got {leeway.Refusal}",
            _ => null,
        });
    }

    [Test]
    [Case("E02", Level.Info, "The leeway past exp: how long after exp the target still accepted a token (s)", Sources.Rfc7519Exp + " (leeway); " + Sources.Expiry, Basis.Open)]
    public async Task Leeway_is_recorded()
    {
        var leeway = await Target.LeewayAsync(MeasureAsync);
        FailIfUnanswered(leeway);
        SkipUnless(leeway.Measured, $"expiry could not be measured (see E01): {leeway.Problem}");
        Observe("leeway (s)", leeway.Leeway);
        Observe("accepted until (s past exp)", leeway.AcceptedUntil);
        Observe("refused at (s past exp)", leeway.RefusedAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"not within --max-leeway {leeway.MaxLeeway} s");
        Observe("measured by", leeway.Method == LeewayMeasurement.Clock ? "moving the mock's clock (to the second)" : "waiting in real time (to the probe interval)");
    }

    [Test]
    [Case("E03", Level.Should, "A token past its exp is refused within --expiry-margin (default 2 s) of exp", Sources.Rfc7519Exp + "; " + Sources.Expiry, Basis.Practice)]
    public async Task Expired_token_is_refused_promptly()
    {
        var leeway = await Target.LeewayAsync(MeasureAsync);
        FailIfUnanswered(leeway);
        SkipUnless(leeway.Measured, $"expiry could not be measured (see E01): {leeway.Problem}");
        var margin = Target.Settings.ExpiryMargin;
        Expect.All(leeway switch
        {
            { RefusedAt: { } refused, RefusalStatus: not Contract.Unauthorized } =>
                $"refresh {refused} s past exp: expected {Contract.Unauthorized}, got {leeway.Refusal} (no documented refusal)",
            { RefusedAt: { } refused } when refused <= margin => null,
            _ => $"the token was still accepted {leeway.AcceptedUntil} s past its exp, beyond --expiry-margin {margin} s (leeway is allowed, up to --max-leeway, as a MUST)",
        });
    }

    /// <summary>A measurement some refresh got no answer to cannot be read as a leeway, nor skipped: it fails the case.</summary>
    private static void FailIfUnanswered(LeewayMeasurement leeway)
    {
        if (leeway.NoAnswer)
        {
            FailUnanswered($"could not measure expiry: {leeway.Problem}");
        }
    }

    /// <summary>
    /// Offsets past <c>exp</c> at which a still-accepted token is presented again: every second for the first few,
    /// then a quarter more each time (8, 10, 12, 15, 18, 22 …), ending exactly at <paramref name="max"/>.
    /// </summary>
    public static IEnumerable<int> ProbeOffsets(int max)
    {
        for (var offset = 0; offset < max; offset = Math.Max(offset + 1, offset * 5 / 4))
        {
            yield return offset;
        }

        yield return max;
    }

    private async Task<LeewayMeasurement> MeasureAsync()
    {
        var max = Target.Settings.MaxLeeway;
        var clock = Target.Mock;
        var method = clock is null ? LeewayMeasurement.Waited : LeewayMeasurement.Clock;
        var since = Stopwatch.StartNew();
        var first = await IssueAsync(since, 1);
        if (first[0].Token.Lifetime is not { } lifetime)
        {
            return LeewayMeasurement.NotMeasured("the token asked for with ttl 1 has no numeric iat and exp", max, method);
        }

        if (lifetime is < Contract.MinTtl or > Contract.MinTtl + 1)
        {
            return LeewayMeasurement.NotMeasured($"asked for ttl {Contract.MinTtl}, the target issued a token living {lifetime} s, so its expiry cannot be tested without waiting that long", max, method);
        }

        // An accepted probe may revoke the token it presents (a target may revoke what it refreshed), and a refusal for
        // that reason is no expiry: so once the first probe shows some leeway, each later probe presents a token of its
        // own, all asked for together, so that waiting out the longest offset still waits once.
        var offsets = ProbeOffsets(max).ToList();
        var tokens = first;
        var presented = new HashSet<string>(StringComparer.Ordinal);
        var accepted = -1L;
        for (var probe = 0; probe < offsets.Count; probe++)
        {
            var offset = offsets[probe];
            if (probe == 1)
            {
                tokens.AddRange(await IssueAsync(since, offsets.Count - 1));
            }

            // A target that issues one string for every request of a second gives back tokens already presented: the
            // last is then presented again, as issued with the others (if it also revokes, its leeway cannot be seen).
            var issued = tokens.FirstOrDefault(t => !presented.Contains(t.Token.Raw)) ?? tokens[^1];
            if (issued.Token.ExpiresAt is not { } exp)
            {
                return LeewayMeasurement.NotMeasured("a token asked for with ttl 1 has no numeric exp", max, method);
            }

            if (clock is not null)
            {
                await clock.AdvanceClockToAsync(exp + offset);
            }
            else
            {
                // The token's exp is at most its lifetime after the answer that carried it, on the target's clock.
                await WaitAsync(issued.AnsweredAt + TimeSpan.FromSeconds(lifetime + offset) - since.Elapsed, accepted < 0
                    ? "waiting for the ttl 1 token to expire"
                    : $"a token is still accepted {accepted} s past exp; next probe at {offset} s (gives up at --max-leeway {max} s)");
            }

            presented.Add(issued.Token.Raw);
            var reply = await Api.RefreshTokenAsync($"refresh {offset} s past exp", issued.Token.Raw, ttl: null);
            if (!reply.Answered)
            {
                return LeewayMeasurement.Unanswered($"{probe} of {probe + 1} refreshes past exp were answered; the one {offset} s past exp got {reply.Summary()}", max, method);
            }

            if (reply.AccessToken is not null)
            {
                accepted = offset;
                continue;
            }

            return clock is not null && offset - accepted > 1 && accepted >= 0
                ? await RefineAsync(clock, accepted, offset, max)
                : new LeewayMeasurement(true, Math.Max(accepted, 0), offset, max, method, reply.Status, reply.Summary());
        }

        return new LeewayMeasurement(true, accepted, null, max, method, null);
    }

    /// <summary>A ttl 1 token and when, on this run's stopwatch, the answer carrying it came.</summary>
    private sealed record IssuedToken(Tokens.DecodedToken Token, TimeSpan AnsweredAt);

    private async Task<List<IssuedToken>> IssueAsync(Stopwatch since, int count)
    {
        var tokens = new List<IssuedToken>(count);
        for (var i = 0; i < count; i++)
        {
            var token = await TokenAsync(ttl: Contract.MinTtl);
            tokens.Add(new IssuedToken(token, since.Elapsed));
        }

        return tokens;
    }

    /// <summary>On a movable clock, the edge between the last accepted and first refused offsets, to the second, a fresh token each try.</summary>
    private async Task<LeewayMeasurement> RefineAsync(MockControl clock, long accepted, long refused, int max)
    {
        int? status = null;
        string? refusal = null;
        while (refused - accepted > 1)
        {
            var middle = (accepted + refused) / 2;
            var token = await TokenAsync(ttl: Contract.MinTtl);
            await clock.AdvanceClockToAsync(token.ExpiresAt!.Value + middle);
            var reply = await Api.RefreshTokenAsync($"refresh {middle} s past exp (a fresh token)", token.Raw, ttl: null);
            if (!reply.Answered)
            {
                return LeewayMeasurement.Unanswered($"the refresh {middle} s past exp (a fresh token) got {reply.Summary()}", max, LeewayMeasurement.Clock);
            }

            if (reply.AccessToken is not null)
            {
                accepted = middle;
            }
            else
            {
                (refused, status, refusal) = (middle, reply.Status, reply.Summary());
            }
        }

        return new LeewayMeasurement(true, accepted, refused, max, LeewayMeasurement.Clock, status ?? Contract.Unauthorized, refusal);
    }
}
