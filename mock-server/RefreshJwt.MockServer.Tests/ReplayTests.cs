using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Under revokeOnRefresh an exchanged token stays refused for as long as it would otherwise be accepted.</summary>
public sealed class ReplayTests
{
    [Test]
    public async Task Revoked_token_is_not_replayable_within_the_leeway_after_its_expiry()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true, LeewaySeconds = 60 });
        var first = await mock.TokenAsync(ttl: 30);
        var other = await mock.TokenAsync(ttl: 3600);

        using var exchanged = await mock.RefreshAsync($"JWT {first}");
        using var replayed = await mock.RefreshAsync($"JWT {first}");

        // 61 s on, the token is past exp (30 s) but within exp + leeway (90 s); a refresh a minute later prunes.
        await mock.AdvanceAsync(61);
        using var pruning = await mock.RefreshAsync($"JWT {other}");
        using var replayedLater = await mock.RefreshAsync($"JWT {first}");
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");

        Assert.Multiple(() =>
        {
            Assert.That(exchanged.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(pruning.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replayedLater.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo("revoked"));
        });
    }

    [Test]
    public async Task Revoked_token_stays_refused_when_the_clock_is_moved_past_its_expiry_and_reset_back()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true });
        var first = await mock.TokenAsync(ttl: 600);
        var other = await mock.TokenAsync(ttl: 3600);
        using var exchanged = await mock.RefreshAsync($"JWT {first}");

        // Past the first token's exp, a refresh a minute later runs the pruning; then the clock goes back to where it started.
        await mock.AdvanceAsync(700);
        using var pruning = await mock.RefreshAsync($"JWT {other}");
        using var reset = await mock.Http.PostAsync("/__mock/clock/reset", null);
        using var replayed = await mock.RefreshAsync($"JWT {first}");
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");

        Assert.Multiple(() =>
        {
            Assert.That(exchanged.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(pruning.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo("revoked"));
        });
    }
}
