using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// The mock's answers to the races the suite's R01-R03 cases run, under each profile and with revocation switched
/// on: what README's "Races" table documents.
/// </summary>
[TestFixture("rs-7.4", false)]
[TestFixture("rs-7.8", false)]
[TestFixture("rs-8.2", false)]
[TestFixture("rs-7.8", true)]
public sealed class RaceTests(string profile, bool revokeOnRefresh)
{
    private const int Parallel = 8;

    private MockUnderTest Start() => MockUnderTest.Start(profile, p => p with { RevokeOnRefresh = revokeOnRefresh });

    [Test]
    public async Task Parallel_refreshes_of_one_token_all_win_or_exactly_one_wins_and_every_winner_works()
    {
        using var mock = Start();
        var token = await mock.TokenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => mock.RefreshAsync($"JWT {token}")));
        var winners = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            winners.Add(await response.AccessTokenAsync());
        }

        var reuse = new List<HttpStatusCode>();
        foreach (var winner in winners)
        {
            using var next = await mock.RefreshAsync($"JWT {winner}");
            reuse.Add(next.StatusCode);
        }

        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => (int)r.StatusCode), Is.All.EqualTo(200).Or.EqualTo(401), "no 5xx");
            Assert.That(winners, Has.Count.EqualTo(revokeOnRefresh ? 1 : Parallel));
            Assert.That(winners.Distinct().Count(), Is.EqualTo(1), "no revocation: the same claims in the same second sign to one string; revocation: one winner");
            Assert.That(reuse, Is.All.EqualTo(HttpStatusCode.OK), "every winner's token works");
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Old_token_after_a_refresh_works_unless_the_profile_revokes()
    {
        using var mock = Start();
        var token = await mock.TokenAsync();
        using (await mock.RefreshAsync($"JWT {token}"))
        {
        }

        using var again = await mock.RefreshAsync($"JWT {token}");
        var entry = await mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(revokeOnRefresh ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
            Assert.That(entry.GetProperty("refusal").ValueKind == System.Text.Json.JsonValueKind.Object ? entry.GetProperty("refusal").GetProperty("kind").GetString() : null,
                Is.EqualTo(revokeOnRefresh ? "revoked" : null));
        });
    }

    [Test]
    public async Task Refresh_in_the_last_second_gets_a_token_that_outlives_the_old_one_and_at_exp_gets_401()
    {
        using var mock = Start();
        var token = await mock.TokenAsync(ttl: 60);
        await mock.AdvanceAsync(59);

        using var last = await mock.RefreshAsync($"JWT {token}");
        var fresh = await last.AccessTokenAsync();
        var other = await mock.TokenAsync(ttl: 60);
        await mock.AdvanceAsync(60);
        using var atExp = await mock.RefreshAsync($"JWT {other}");

        Assert.Multiple(() =>
        {
            Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(TokenForge.Read(fresh).Claims.GetProperty("exp").GetInt64(), Is.EqualTo(mock.Now - 60 + 300), "a full 300 s from the refresh, past the old exp");
            Assert.That(atExp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "at exp, with no leeway, the token is refused");
        });
    }
}
