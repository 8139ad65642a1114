using System.Net;
using System.Text;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>POST /v1/users/authorize: Basic credentials from RS 7.8.2 on, JSON body credentials before.</summary>
[TestFixture("rs-7.4")]
[TestFixture("rs-7.8")]
[TestFixture("rs-8.2")]
public sealed class AuthorizeTests(string profile)
{
    private const string AuthorizePath = "/v1/users/authorize";

    private MockUnderTest _mock = null!;

    private bool ReadsBody => _mock.Host.Profile.AuthorizeCredentials.Contains(CredentialSource.Body);

    [OneTimeSetUp]
    public void StartMock() => _mock = MockUnderTest.Start(profile);

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public void Profile_reads_credentials_where_its_rs_version_does() =>
        Assert.That(ReadsBody, Is.EqualTo(profile == "rs-7.4"));

    [Test]
    public async Task Right_credentials_give_a_token_for_that_user()
    {
        using var response = await _mock.AuthorizeAsync(TestUsers.Admin, "60");
        var token = await response.AccessTokenAsync();

        var (_, claims) = TokenForge.Read(token);
        Assert.Multiple(() =>
        {
            Assert.That(claims.GetProperty("uid").GetString(), Is.EqualTo(TestUsers.AdminUid));
            Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(_mock.Now));
            Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(_mock.Now + 60));
            Assert.That(TokenForge.HasValidSignature(token, MockUnderTest.Key), Is.True);
        });
    }

    [Test]
    public async Task Username_is_matched_without_regard_to_case()
    {
        using var response = await _mock.AuthorizeAsync(TestUsers.Admin with { Email = "ADMIN@Example.COM" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("admin@example.com", "wrong")]
    [TestCase("admin@example.com", "passw0rd!")]
    [TestCase("admin@example.com", "")]
    [TestCase("nobody@example.com", "Passw0rd!")]
    [TestCase("", "")]
    public async Task Wrong_credentials_return_401(string email, string password)
    {
        using var response = await _mock.AuthorizeAsync(new Credentials(email, password));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [Test]
    public async Task Expired_password_returns_401_password_expired()
    {
        using var response = await _mock.AuthorizeAsync(TestUsers.Expired);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "password_expired", _mock.Host.Profile);
    }

    [Test]
    public async Task Credentials_where_the_profile_does_not_read_them_are_refused()
    {
        var basic = MockUnderTest.Basic(TestUsers.Admin).ToString();
        var body = """{"username": "admin@example.com", "password": "Passw0rd!"}""";

        using var response = ReadsBody
            ? await _mock.SendAsync(HttpMethod.Post, AuthorizePath, basic)
            : await _mock.SendAsync(HttpMethod.Post, AuthorizePath, body: body);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [TestCase("Basic")]
    [TestCase("Basic !!!not-base64!!!")]
    [TestCase("Basic YWRtaW5AZXhhbXBsZS5jb20=")]
    [TestCase("Bearer YWRtaW5AZXhhbXBsZS5jb206UGFzc3cwcmQh")]
    public async Task Malformed_basic_credentials_return_401(string authorization)
    {
        using var response = await _mock.SendAsync(HttpMethod.Post, AuthorizePath, authorization);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [TestCase("""{"username": "admin@example.com"}""")]
    [TestCase("""{"password": "Passw0rd!"}""")]
    [TestCase("""{"username": 1, "password": "Passw0rd!"}""")]
    [TestCase("""{"email": "admin@example.com", "password": "Passw0rd!"}""")]
    public async Task Incomplete_body_credentials_return_401(string body)
    {
        using var response = await _mock.SendAsync(HttpMethod.Post, AuthorizePath, body: body);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [Test]
    public async Task Body_that_is_not_json_returns_400_invalid_json()
    {
        using var response = await _mock.SendAsync(HttpMethod.Post, AuthorizePath, MockUnderTest.Basic(TestUsers.Admin).ToString(), "{nope");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", _mock.Host.Profile);
    }

    [Test]
    public async Task Refused_credentials_are_journaled_with_the_reason_but_never_the_password()
    {
        using var response = await _mock.AuthorizeAsync(TestUsers.Admin with { Password = "Not-The-Password-42" });
        var entry = await _mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("refusal").GetProperty("kind").GetString(), Is.EqualTo("wrong_credentials"));
            Assert.That(entry.GetProperty("refusal").GetProperty("detail").GetString(), Does.Contain(TestUsers.Admin.Email));
            Assert.That(entry.GetRawText(), Does.Not.Contain("Not-The-Password-42"));
            Assert.That(entry.GetRawText(), Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@example.com:Not-The-Password-42"))));
        });
    }
}
