using System.Diagnostics;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// Time, always on the target's own clock: a token is left to expire (the mock's clock is moved; a cluster is
/// waited out), never judged against this machine's clock.
/// </summary>
[Order(4)]
public sealed class ExpiryCases : ConformanceCases
{
    [Test]
    [Case("E01", Level.Must, "A token past its exp is refused with 401", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Exp)]
    public async Task Expired_token_is_refused()
    {
        var token = await TokenAsync(ttl: 1);
        await WaitPastExpiryAsync(token, Stopwatch.StartNew());
        var reply = await Api.RefreshTokenAsync("refresh after the token expired", token.Raw, ttl: null);
        Observe("error_code", reply.ErrorCode);
        Expect.All(Expect.Refused(reply, "refresh of an expired token"));
    }

    [Test]
    [Case("E02", Level.Info, "Where the target draws the line: accepted 1 s before exp? at exp? 1 s and 60 s after?", Sources.Rfc7519Exp + " (leeway)")]
    public async Task Expiry_boundary_is_recorded()
    {
        SkipUnless(Target.Mock is not null, "needs a clock the suite can move (the mock's); on a cluster this would take minutes of waiting");
        foreach (var offset in new[] { -1, 0, 1, 60 })
        {
            var token = await TokenAsync(ttl: 120);
            await Target.Mock!.AdvanceClockToAsync(token.ExpiresAt!.Value + offset);
            var reply = await Api.RefreshTokenAsync($"refresh at exp {offset:+0;-0;+0} s", token.Raw, ttl: null);
            Observe($"at exp {offset:+0;-0;+0} s", reply.Outcome);
        }
    }
}
