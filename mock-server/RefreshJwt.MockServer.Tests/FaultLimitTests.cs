using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Faults cannot take the mock down: the list is bounded, clearing it frees waiting requests, the clock keeps its limit.</summary>
public sealed class FaultLimitTests
{
    [Test]
    public async Task The_rule_after_the_thousandth_is_refused_with_400_naming_the_limit_and_the_list_stays_readable()
    {
        using var mock = MockUnderTest.Start();
        for (var i = 0; i < 1000; i++)
        {
            mock.Host.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Users, Status = 503 });
        }

        using var refused = await mock.SendAsync(HttpMethod.Post, "/__mock/faults", body: """{"endpoint": "users", "status": 503}""");
        using var listed = await mock.Http.GetAsync("/__mock/faults");
        using var cleared = await mock.Http.DeleteAsync("/__mock/faults");
        using var again = await mock.SendAsync(HttpMethod.Post, "/__mock/faults", body: """{"endpoint": "users", "status": 503}""");

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await refused.JsonAsync()).GetProperty("error").GetString(), Does.Contain("1000"));
            Assert.That((await listed.JsonAsync()).GetProperty("faults").GetArrayLength(), Is.EqualTo(1000));
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), "clearing makes room again");
        });
    }

    [Test]
    public void More_than_a_thousand_faults_at_start_is_a_configuration_error()
    {
        var rules = Enumerable.Repeat(new FaultRule { Status = 503 }, 1001).ToArray();

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(new MockServerOptions
        {
            Port = 0,
            UseHttps = false,
            SigningKey = MockUnderTest.SigningKey,
            Faults = rules,
        }));

        Assert.That(error!.Message, Does.Contain("1000"));
    }

    [Test]
    public async Task Delete_releases_a_request_already_waiting_in_a_delay()
    {
        using var mock = MockUnderTest.Start();
        using var added = await mock.SendAsync(HttpMethod.Post, "/__mock/faults", body: """{"endpoint": "authorize", "delayMs": 300000}""");
        var waiting = mock.AuthorizeAsync(TestUsers.Admin);
        await WaitUntilMatchedAsync(mock);

        using var cleared = await mock.Http.DeleteAsync("/__mock/faults");
        using var released = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(released.StatusCode, Is.EqualTo(HttpStatusCode.OK), "it goes on as if no fault were in force");
        });
    }

    [Test]
    public async Task Expire_with_a_forged_far_exp_leaves_the_clock_within_its_limit_and_the_mocks_own_tokens_work()
    {
        using var mock = MockUnderTest.Start();
        var forged = TokenForge.Sign(TokenForge.Hs256Header, TokenForge.Claims(mock.Now, 99_999_999_999), key: new byte[32]);
        const string expire = """{"endpoint": "refresh_jwt", "expire": true, "count": 1}""";
        using var added = await mock.SendAsync(HttpMethod.Post, "/__mock/faults", body: expire);

        using var faulted = await mock.RefreshAsync($"JWT {forged}");
        var token = await mock.TokenAsync();
        using var refreshed = await mock.RefreshAsync($"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(faulted.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(mock.Now, Is.LessThanOrEqualTo(100_000_000_000 - 86400), "the clock stays where the mock can still issue tokens");
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the mock accepts its own token");
        });
    }

    [Test]
    public void The_clock_refuses_to_move_past_its_limit_however_it_is_asked()
    {
        var clock = new MockClock(frozenAt: MockUnderTest.FrozenAt);
        var far = DateTimeOffset.FromUnixTimeSeconds(100_000_000_000 - 86400) - MockUnderTest.FrozenAt;

        Assert.Multiple(() =>
        {
            Assert.That(() => clock.Advance(far + TimeSpan.FromSeconds(1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(clock.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(() => clock.Advance(far), Throws.Nothing, "up to the limit it moves");
            Assert.That(clock.UnixSeconds, Is.EqualTo(100_000_000_000 - 86400));
        });
    }

    private static async Task WaitUntilMatchedAsync(MockUnderTest mock)
    {
        // Bounded: 200 polls of 25 ms.
        for (var poll = 0; poll < 200; poll++)
        {
            using var listed = await mock.Http.GetAsync("/__mock/faults");
            if ((await listed.JsonAsync()).GetProperty("faults").EnumerateArray().Any(f => f.GetProperty("matched").GetInt32() > 0))
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("the request never reached the delay fault");
    }
}
