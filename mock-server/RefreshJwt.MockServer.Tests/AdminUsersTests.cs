using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>GET /__mock, GET /__mock/users and PUT /__mock/users/{uid}/status: what a status change does to tokens and sign-in.</summary>
public sealed class AdminUsersTests
{
    [Test]
    public async Task Index_names_the_profile_and_the_admin_endpoints()
    {
        using var mock = MockUnderTest.Start("rs-8.2");

        using var response = await mock.Http.GetAsync("/__mock");
        var index = await response.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(index.GetProperty("profile").GetString(), Is.EqualTo("rs-8.2"));
            Assert.That(index.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()), Has.Some.StartsWith("PUT /__mock/users/{uid}/status"));
        });
    }

    [Test]
    public async Task Users_are_listed_without_passwords()
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.Http.GetAsync("/__mock/users");
        var text = await response.Content.ReadAsStringAsync();
        var users = await response.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(users.EnumerateArray().Select(u => u.GetProperty("email").GetString()), Is.EqualTo(new[] { TestUsers.Admin.Email, TestUsers.Expired.Email }));
            Assert.That(text, Does.Not.Contain(TestUsers.Admin.Password).And.Not.Contain(TestUsers.Expired.Password).And.Not.Contain("password\""));
        });
    }

    [Test]
    public async Task Locked_user_loses_tokens_and_sign_in_until_unlocked()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();

        await mock.SetStatusAsync(TestUsers.AdminUid, "locked");
        using var refresh = await mock.RefreshAsync($"JWT {token}");
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal").GetProperty("kind").GetString();
        using var authorize = await mock.AuthorizeAsync(TestUsers.Admin);
        using var basic = await mock.GetUserAsync(TestUsers.AdminUid, MockUnderTest.Basic(TestUsers.Admin).ToString());
        await mock.SetStatusAsync(TestUsers.AdminUid, "active");
        using var unlocked = await mock.RefreshAsync($"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusal, Is.EqualTo("user_locked"));
            Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(basic.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unlocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Expiring_a_password_refuses_its_tokens_with_password_expired()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();

        await mock.SetStatusAsync(TestUsers.AdminUid, "password_expired");
        using var refresh = await mock.RefreshAsync($"JWT {token}");
        using var authorize = await mock.AuthorizeAsync(TestUsers.Admin);

        await refresh.AssertErrorAsync(HttpStatusCode.Unauthorized, "password_expired", mock.Host.Profile);
        await authorize.AssertErrorAsync(HttpStatusCode.Unauthorized, "password_expired", mock.Host.Profile);
    }

    [Test]
    public async Task Status_change_answers_with_the_changed_user()
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.Http.PutAsync("/__mock/users/2/status", MockUnderTest.JsonBody("""{"status": "active"}"""));
        var user = await response.JsonAsync();
        var token = await mock.TokenAsync(user: TestUsers.Expired);

        Assert.Multiple(() =>
        {
            Assert.That(user.GetProperty("status").GetString(), Is.EqualTo("active"));
            Assert.That(TokenForge.Read(token).Claims.GetProperty("uid").GetString(), Is.EqualTo(TestUsers.ExpiredUid));
        });
    }

    [TestCase("1", """{"status": "deleted"}""", HttpStatusCode.BadRequest)]
    [TestCase("1", """{"status": 1}""", HttpStatusCode.BadRequest)]
    [TestCase("1", """{}""", HttpStatusCode.BadRequest)]
    [TestCase("1", "locked", HttpStatusCode.BadRequest)]
    [TestCase("99", """{"status": "locked"}""", HttpStatusCode.NotFound)]
    [TestCase("abc", """{"status": "locked"}""", HttpStatusCode.NotFound)]
    public async Task Bad_status_change_is_refused_and_changes_nothing(string uid, string body, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.Http.PutAsync($"/__mock/users/{uid}/status", MockUnderTest.JsonBody(body));
        var error = await response.JsonAsync();
        using var users = await mock.Http.GetAsync("/__mock/users");
        var admin = (await users.JsonAsync())[0];

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(error.GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(admin.GetProperty("status").GetString(), Is.EqualTo("active"));
        });
    }
}
