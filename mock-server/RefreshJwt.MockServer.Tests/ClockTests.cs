using System.Diagnostics;
using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The mock's clock and its admin endpoints: expire a token without waiting for it.</summary>
public sealed class ClockTests
{
    private static readonly long FrozenUnix = MockUnderTest.FrozenAt.ToUnixTimeSeconds();

    [Test]
    public async Task Frozen_clock_reads_the_frozen_instant_and_does_not_move()
    {
        using var mock = MockUnderTest.Start();

        var first = await ClockAsync(mock);
        await Task.Delay(1100);
        var second = await ClockAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("now").GetString(), Is.EqualTo("2026-11-26T04:00:00.000Z"));
            Assert.That(first.GetProperty("unix").GetInt64(), Is.EqualTo(FrozenUnix));
            Assert.That(first.GetProperty("offset_seconds").GetDouble(), Is.Zero);
            Assert.That(first.GetProperty("frozen").GetBoolean(), Is.True);
            Assert.That(second.GetRawText(), Is.EqualTo(first.GetRawText()));
        });
    }

    [Test]
    public async Task Advance_moves_the_clock_by_exactly_the_seconds_given()
    {
        using var mock = MockUnderTest.Start();

        await mock.AdvanceAsync(90);
        await mock.AdvanceAsync(0.5);
        var clock = await ClockAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(clock.GetProperty("now").GetString(), Is.EqualTo("2026-11-26T04:01:30.500Z"));
            Assert.That(clock.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(90.5));
        });
    }

    [Test]
    public async Task Token_is_valid_one_second_before_exp_and_refused_at_exp_in_no_wall_time()
    {
        using var mock = MockUnderTest.Start();
        var wall = Stopwatch.StartNew();
        var token = await mock.TokenAsync(ttl: 3600);

        await mock.AdvanceAsync(3599);
        using var before = await mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}");
        await mock.AdvanceAsync(1);
        using var at = await mock.RefreshAsync($"JWT {token}");
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");

        Assert.Multiple(() =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(at.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo("expired"));
            Assert.That(refusal.GetProperty("detail").GetString(), Does.Contain("expired at 2026-11-26T05:00:00Z"));
            Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "an hour of token life took no hour");
        });
    }

    [Test]
    public async Task Refresh_at_the_last_valid_second_issues_from_the_moved_clock()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync(ttl: 60);

        await mock.AdvanceAsync(59);
        using var response = await mock.RefreshAsync($"JWT {token}", """{"ttl": 60}""");
        var (_, claims) = TokenForge.Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(FrozenUnix + 59));
    }

    [Test]
    public async Task Date_header_comes_from_the_mock_clock()
    {
        using var mock = MockUnderTest.Start();

        await mock.AdvanceAsync(3600);
        using var response = await mock.RefreshAsync(null);

        Assert.That(response.Headers.Date, Is.EqualTo(MockUnderTest.FrozenAt.AddHours(1)));
    }

    [Test]
    public async Task Reset_puts_the_clock_back_to_the_offset_given_or_the_one_it_started_with()
    {
        using var host = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, ClockOffset = TimeSpan.FromHours(1) });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        (await http.PostAsync("/__mock/clock/advance", MockUnderTest.JsonBody("""{"seconds": 843}"""))).EnsureSuccessStatusCode();
        using var toGiven = await http.PostAsync("/__mock/clock/reset", MockUnderTest.JsonBody("""{"offset_seconds": 3600.5}"""));
        var given = await toGiven.JsonAsync();
        (await http.PostAsync("/__mock/clock/advance", MockUnderTest.JsonBody("""{"seconds": 60}"""))).EnsureSuccessStatusCode();
        using var toStart = await http.PostAsync("/__mock/clock/reset", null);
        var start = await toStart.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(toGiven.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(given.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(3600.5));
            Assert.That(toStart.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(start.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(3600));
        });
    }

    [TestCase("not json")]
    [TestCase("""{"offset_seconds": "60"}""")]
    [TestCase("""{"offset_seconds": 315360001}""")]
    [TestCase("""{"seconds": 60}""")]
    [TestCase("""{"offset_seconds": -1}""")]
    public async Task Reset_refuses_an_offset_it_cannot_read(string body)
    {
        using var mock = MockUnderTest.Start();
        await mock.AdvanceAsync(90);

        using var response = await mock.Http.PostAsync("/__mock/clock/reset", MockUnderTest.JsonBody(body));
        var clock = await ClockAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(clock.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(90));
        });
    }

    [TestCase("")]
    [TestCase("{}")]
    [TestCase("not json")]
    [TestCase("""{"seconds": 0}""")]
    [TestCase("""{"seconds": -5}""")]
    [TestCase("""{"seconds": "60"}""")]
    [TestCase("""{"seconds": null}""")]
    [TestCase("""{"seconds": 315360001}""")]
    [TestCase("""{"seconds": 1e400}""")]
    [TestCase("[60]")]
    public async Task Advance_refuses_anything_but_a_positive_number_of_seconds(string body)
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.Http.PostAsync("/__mock/clock/advance", MockUnderTest.JsonBody(body));
        var error = await response.JsonAsync();
        var clock = await ClockAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.GetProperty("error").GetString(), Does.Contain("seconds"));
            Assert.That(clock.GetProperty("unix").GetInt64(), Is.EqualTo(FrozenUnix));
        });
    }

    [Test]
    public async Task Clock_cannot_be_moved_past_the_times_a_token_can_carry()
    {
        using var mock = MockUnderTest.Start();
        var tenYears = 315360000;

        var refusedAt = 0;
        for (var i = 1; i <= 400 && refusedAt == 0; i++)
        {
            using var response = await mock.Http.PostAsync("/__mock/clock/advance", MockUnderTest.JsonBody($$"""{"seconds": {{tenYears}}}"""));
            refusedAt = response.StatusCode == HttpStatusCode.OK ? 0 : i;
            Assert.That((int)response.StatusCode, Is.AnyOf(200, 400));
        }

        using var authorize = await mock.AuthorizeAsync(TestUsers.Admin, "86400");
        var token = await authorize.AccessTokenAsync();
        using var refresh = await mock.RefreshAsync($"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(refusedAt, Is.GreaterThan(300), "year 5138 is about 311 decades away");
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Clock_offset_runs_a_live_clock_ahead_of_this_machine()
    {
        using var host = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, ClockOffset = TimeSpan.FromHours(1) });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        using var response = await http.GetAsync("/__mock/clock");
        var clock = await response.JsonAsync();
        var expected = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();

        Assert.Multiple(() =>
        {
            Assert.That(clock.GetProperty("frozen").GetBoolean(), Is.False);
            Assert.That(clock.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(3600));
            Assert.That(clock.GetProperty("unix").GetInt64(), Is.InRange(expected - 30, expected + 1));
        });
    }

    private static async Task<System.Text.Json.JsonElement> ClockAsync(MockUnderTest mock)
    {
        using var response = await mock.Http.GetAsync("/__mock/clock");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.JsonAsync();
    }

}
