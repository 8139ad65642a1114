using System.Net;
using RefreshJwt.MockServer.Tests.Support;
using static RefreshJwt.MockServer.Tests.Support.TokenForge;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Where the profiles differ, and each setting a profile (or AdjustProfile) can change.</summary>
public sealed class ProfileTests
{
    [TestCase("rs-7.4", CredentialSource.Body, "JWT", ErrorMessageField.Message)]
    [TestCase("rs-7.8", CredentialSource.Basic, "JWT", ErrorMessageField.Message)]
    [TestCase("rs-8.2", CredentialSource.Basic, "JWT Bearer", ErrorMessageField.Description)]
    public void Profile_file_holds_the_settings_of_its_rs_version(string name, CredentialSource credentials, string schemes, ErrorMessageField errorField)
    {
        var profile = MockProfile.Load(Fixtures.ProfilePath(Fixtures.Locate(), name));

        Assert.Multiple(() =>
        {
            Assert.That(profile.Name, Is.EqualTo(name));
            Assert.That(profile.AuthorizeCredentials, Is.EqualTo(new[] { credentials }));
            Assert.That(string.Join(' ', profile.TokenSchemes), Is.EqualTo(schemes));
            Assert.That(profile.ErrorMessageField, Is.EqualTo(errorField));
            Assert.That(profile, Has.Property(nameof(MockProfile.SchemeCaseSensitive)).True
                .And.Property(nameof(MockProfile.LeewaySeconds)).Zero
                .And.Property(nameof(MockProfile.RevokeOnRefresh)).False
                .And.Property(nameof(MockProfile.RefreshWithoutTtl)).EqualTo(RefreshLifetime.Default)
                .And.Property(nameof(MockProfile.Algorithms)).EqualTo(new[] { "HS256" }));
        });
    }

    [TestCase("rs-7.4", HttpStatusCode.Unauthorized)]
    [TestCase("rs-7.8", HttpStatusCode.Unauthorized)]
    [TestCase("rs-8.2", HttpStatusCode.OK)]
    public async Task Bearer_scheme_is_accepted_only_by_rs_8_2(string profile, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start(profile);
        var token = await mock.TokenAsync();

        using var refresh = await mock.RefreshAsync($"Bearer {token}");
        using var user = await mock.GetUserAsync(TestUsers.AdminUid, $"Bearer {token}");

        Assert.Multiple(() =>
        {
            Assert.That(refresh.StatusCode, Is.EqualTo(expected));
            Assert.That(user.StatusCode, Is.EqualTo(expected));
        });
    }

    [TestCase("rs-7.8", "message")]
    [TestCase("rs-8.2", "description")]
    public async Task Error_body_names_its_text_field_as_the_profile_says(string profile, string field)
    {
        using var mock = MockUnderTest.Start(profile);

        using var response = await mock.RefreshAsync(null);
        var body = await response.JsonAsync();

        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "error_code", field }));
    }

    [Test]
    public async Task Error_message_field_none_sends_errors_without_a_body()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { ErrorMessageField = ErrorMessageField.None });

        using var refused = await mock.RefreshAsync("JWT x.y.z");
        using var notFound = await mock.SendAsync(HttpMethod.Get, "/v1/nothing");
        using var notAllowed = await mock.SendAsync(HttpMethod.Get, "/v1/users/refresh_jwt");

        await Assert.MultipleAsync(async () =>
        {
            foreach (var (response, status) in new[] { (refused, 401), (notFound, 404), (notAllowed, 405) })
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(status));
                Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
                Assert.That(response.Content.Headers.ContentType, Is.Null);
            }

            Assert.That(notAllowed.Content.Headers.Allow, Is.EqualTo(new[] { "POST" }));
        });
    }

    [TestCase("jwt")]
    [TestCase("jWt")]
    [TestCase("JWT")]
    public async Task Scheme_may_be_case_insensitive(string scheme)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { SchemeCaseSensitive = false });

        using var response = await mock.RefreshAsync($"{scheme} {Valid(mock.Now)}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Refreshed_token_keeps_working_unless_revoke_on_refresh_is_set()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();
        using var first = await mock.RefreshAsync($"JWT {token}");

        using var again = await mock.RefreshAsync($"JWT {token}");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "N33: by default the old token lives until its exp");
    }

    [Test]
    public async Task Revoke_on_refresh_refuses_the_exchanged_token_but_not_its_successor()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true });
        var token = await mock.TokenAsync();
        await mock.AdvanceAsync(1);
        using var first = await mock.RefreshAsync($"JWT {token}");
        var successor = await first.AccessTokenAsync();

        using var replay = await mock.RefreshAsync($"JWT {token}");
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");
        using var onUser = await mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}");
        using var next = await mock.RefreshAsync($"JWT {successor}");

        Assert.Multiple(() =>
        {
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo("revoked"));
            Assert.That(onUser.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_token_revoked_only_for_refresh_still_reads_a_user_until_it_expires()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true, RevokedTokenScope = RevokedTokenScope.Refresh });
        var token = await mock.TokenAsync(ttl: 60);
        using var first = await mock.RefreshAsync($"JWT {token}");

        using var onUser = await mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}");
        using var replay = await mock.RefreshAsync($"JWT {token}");
        await mock.AdvanceAsync(61);
        using var onUserExpired = await mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(onUser.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(onUserExpired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Revoke_on_refresh_lets_one_of_many_simultaneous_refreshes_win()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true });
        var token = await mock.TokenAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => mock.RefreshAsync($"JWT {token}")));

        Assert.That(replies.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(replies.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        foreach (var reply in replies)
        {
            reply.Dispose();
        }
    }

    [TestCase(60, null, 60)]
    [TestCase(60, 30, 30)]
    [TestCase(86400, null, 86400)]
    public async Task Refresh_without_ttl_keeps_the_presented_lifetime_when_set_to_keep(int issuedTtl, int? ttl, int expected)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RefreshWithoutTtl = RefreshLifetime.Keep });
        var token = await mock.TokenAsync(issuedTtl);

        using var response = await mock.RefreshAsync($"JWT {token}", ttl is null ? null : $$"""{"ttl": {{ttl}}}""");
        var (_, claims) = Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), Is.EqualTo(expected));
    }

    [TestCase(-3600, 100_000, 86400)]
    [TestCase(10, 10, 1)]
    [TestCase(300, 200, 1)]
    public async Task Kept_lifetime_is_clamped_to_1_to_86400(int iatOffset, int expOffset, int expected)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RefreshWithoutTtl = RefreshLifetime.Keep });
        var token = Sign(Hs256Header, Claims(mock.Now + iatOffset, mock.Now + expOffset));

        using var response = await mock.RefreshAsync($"JWT {token}");
        var (_, claims) = Read(await response.AccessTokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), Is.EqualTo(expected));
    }

    [Test]
    public async Task Password_expired_status_applies_to_authorize_while_refresh_keeps_401()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { PasswordExpiredStatus = 403 });

        using var authorize = await mock.AuthorizeAsync(TestUsers.Expired);
        using var refresh = await mock.RefreshAsync($"JWT {Valid(mock.Now, TestUsers.ExpiredUid)}");

        await authorize.AssertErrorAsync(HttpStatusCode.Forbidden, "password_expired", mock.Host.Profile);
        await refresh.AssertErrorAsync(HttpStatusCode.Unauthorized, "password_expired", mock.Host.Profile);
    }

    [Test]
    public async Task Invalid_ttl_status_is_configurable()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { InvalidTtlStatus = 422 });

        using var response = await mock.RefreshAsync($"JWT {Valid(mock.Now)}", """{"ttl": 0}""");

        await response.AssertErrorAsync(HttpStatusCode.UnprocessableContent, "invalid_ttl", mock.Host.Profile);
    }

    [Test]
    public async Task Authorize_may_read_both_basic_and_body_credentials()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { AuthorizeCredentials = [CredentialSource.Basic, CredentialSource.Body] });

        using var basic = await mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", MockUnderTest.Basic(TestUsers.Admin).ToString());
        using var body = await mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", body: """{"username": "admin@example.com", "password": "Passw0rd!"}""");

        Assert.Multiple(() =>
        {
            Assert.That(basic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
