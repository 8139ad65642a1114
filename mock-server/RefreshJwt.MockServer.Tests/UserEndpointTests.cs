using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>GET /v1/users/{uid} behind the same token check (or Basic credentials), and RS-like 404 and 405 elsewhere.</summary>
[TestFixture("rs-7.4")]
[TestFixture("rs-7.8")]
[TestFixture("rs-8.2")]
public sealed class UserEndpointTests(string profile)
{
    private MockUnderTest _mock = null!;
    private string _token = null!;

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _mock = MockUnderTest.Start(profile);
        _token = await _mock.TokenAsync(ttl: 3600);
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task Token_holder_reads_a_user_as_the_rest_api_shows_it()
    {
        using var response = await _mock.GetUserAsync(TestUsers.AdminUid, $"JWT {_token}");
        var user = await response.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(user.GetRawText(), Is.EqualTo("""{"uid":1,"email":"admin@example.com","name":"Admin","role":"admin","status":"active","auth_method":"regular"}"""));
        });
    }

    [Test]
    public async Task Any_user_can_be_read_including_one_whose_password_expired()
    {
        using var response = await _mock.GetUserAsync(TestUsers.ExpiredUid, $"JWT {_token}");
        var user = await response.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.GetProperty("uid").GetInt32(), Is.EqualTo(2));
            Assert.That(user.GetProperty("status").GetString(), Is.EqualTo("password_expired"));
            Assert.That(user.TryGetProperty("password", out _), Is.False);
        });
    }

    [Test]
    public async Task Basic_credentials_of_an_active_user_are_accepted_too()
    {
        using var response = await _mock.GetUserAsync(TestUsers.AdminUid, MockUnderTest.Basic(TestUsers.Admin).ToString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("admin@example.com", "wrong", "unauthorized")]
    [TestCase("expired@example.com", "Expired-1", "password_expired")]
    public async Task Basic_credentials_that_do_not_sign_in_return_401(string email, string password, string errorCode)
    {
        using var response = await _mock.GetUserAsync(TestUsers.AdminUid, MockUnderTest.Basic(new Credentials(email, password)).ToString());

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, errorCode, _mock.Host.Profile);
    }

    [TestCase("99")]
    [TestCase("0")]
    [TestCase("abc")]
    [TestCase("-1")]
    [TestCase("99999999999999999999")]
    public async Task Unknown_uid_returns_404_user_not_exist(string uid)
    {
        using var response = await _mock.GetUserAsync(uid, $"JWT {_token}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "user_not_exist", _mock.Host.Profile);
    }

    [Test]
    public async Task Unknown_uid_without_credentials_returns_401_not_404()
    {
        using var response = await _mock.GetUserAsync("99", null);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [TestCase("/")]
    [TestCase("/v1")]
    [TestCase("/v1/users")]
    [TestCase("/v1/users/1/extra")]
    [TestCase("/v1/cluster")]
    [TestCase("/V1/USERS/REFRESH_JWT")]
    [TestCase("/v1/users/refresh_jwt/")]
    [TestCase("/__mock/nope")]
    public async Task Unknown_path_returns_404_not_found(string path)
    {
        using var response = await _mock.SendAsync(HttpMethod.Post, path, $"JWT {_token}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found", _mock.Host.Profile);
    }

    [TestCase("GET", "/v1/users/refresh_jwt", "POST")]
    [TestCase("PUT", "/v1/users/refresh_jwt", "POST")]
    [TestCase("DELETE", "/v1/users/authorize", "POST")]
    [TestCase("PATCH", "/v1/users/authorize", "POST")]
    [TestCase("POST", "/v1/users/1", "GET")]
    [TestCase("DELETE", "/v1/users/1", "GET")]
    [TestCase("OPTIONS", "/v1/users/2", "GET")]
    public async Task Wrong_method_returns_405_with_an_allow_header(string method, string path, string allowed)
    {
        using var response = await _mock.SendAsync(new HttpMethod(method), path, $"JWT {_token}");

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed", _mock.Host.Profile);
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { allowed }));
    }

    [Test]
    public async Task Head_request_gets_405_without_a_body()
    {
        using var response = await _mock.SendAsync(HttpMethod.Head, "/v1/users/refresh_jwt");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "POST" }));
        });
    }
}
