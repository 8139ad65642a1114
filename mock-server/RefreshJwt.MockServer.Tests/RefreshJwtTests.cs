using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

[TestFixture("rs-7.4")]
[TestFixture("rs-7.8")]
[TestFixture("rs-8.2")]
public sealed class RefreshJwtTests(string profile)
{
    private MockUnderTest _mock = null!;

    [OneTimeSetUp]
    public void StartMock() => _mock = MockUnderTest.Start(profile);

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task Valid_token_returns_200_with_a_new_access_token_as_json()
    {
        var token = await _mock.TokenAsync(ttl: 60);
        await _mock.AdvanceAsync(5);

        using var response = await _mock.RefreshAsync($"JWT {token}");
        var refreshed = await response.AccessTokenAsync();

        Assert.That(refreshed, Is.Not.EqualTo(token));
    }

    [Test]
    public async Task New_token_is_issued_at_request_time_for_the_same_user()
    {
        var token = await _mock.TokenAsync(ttl: 600);
        await _mock.AdvanceAsync(7);

        using var response = await _mock.RefreshAsync($"JWT {token}", """{"ttl": 120}""");
        var (header, claims) = TokenForge.Read(await response.AccessTokenAsync());

        Assert.Multiple(() =>
        {
            Assert.That(header.GetProperty("alg").GetString(), Is.EqualTo("HS256"));
            Assert.That(claims.GetProperty("uid").GetString(), Is.EqualTo(TestUsers.AdminUid));
            Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(_mock.Now));
            Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(_mock.Now + 120));
        });
    }

    [Test]
    public async Task Refresh_without_a_body_gives_the_default_lifetime_of_300_seconds()
    {
        var token = await _mock.TokenAsync(ttl: 60);

        using var response = await _mock.RefreshAsync($"JWT {token}");
        var (_, claims) = TokenForge.Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), Is.EqualTo(300));
    }

    [TestCase("{}")]
    [TestCase("   ")]
    [TestCase("""{"other": 5}""")]
    public async Task Body_without_ttl_also_gives_the_default_lifetime(string body)
    {
        var token = await _mock.TokenAsync(ttl: 60);

        using var response = await _mock.RefreshAsync($"JWT {token}", body);
        var (_, claims) = TokenForge.Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), Is.EqualTo(300));
    }

    [TestCase(1)]
    [TestCase(300)]
    [TestCase(86400)]
    public async Task Ttl_from_1_to_86400_sets_exp_to_iat_plus_ttl(int ttl)
    {
        var token = await _mock.TokenAsync();

        using var response = await _mock.RefreshAsync($"JWT {token}", $$"""{"ttl": {{ttl}}}""");
        var (_, claims) = TokenForge.Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(claims.GetProperty("iat").GetInt64() + ttl));
    }

    [Test]
    public async Task Refreshed_token_is_signed_with_the_cluster_key_and_works_again()
    {
        var token = await _mock.TokenAsync();
        using var first = await _mock.RefreshAsync($"JWT {token}");
        var refreshed = await first.AccessTokenAsync();

        using var second = await _mock.RefreshAsync($"JWT {refreshed}");

        Assert.Multiple(() =>
        {
            Assert.That(TokenForge.HasValidSignature(refreshed, MockUnderTest.Key), Is.True);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Token_made_outside_the_mock_with_its_key_is_accepted()
    {
        using var response = await _mock.RefreshAsync($"JWT {TokenForge.Valid(_mock.Now)}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refresh_records_the_user_and_both_tokens_in_the_journal()
    {
        var token = await _mock.TokenAsync();

        using var response = await _mock.RefreshAsync($"JWT {token}");
        var entry = await _mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(entry.GetProperty("user").GetString(), Is.EqualTo(TestUsers.Admin.Email));
            Assert.That(entry.GetProperty("presented_token").GetProperty("claims").GetProperty("uid").GetString(), Is.EqualTo("1"));
            Assert.That(entry.GetProperty("issued_token").GetProperty("header").GetProperty("alg").GetString(), Is.EqualTo("HS256"));
        });
    }
}
