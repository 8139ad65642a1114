using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>ttl is optional and, when present, a JSON integer from 1 to 86400 (the authorize page and the jwt_authorize object, docs/contract.md#ttl): N34.</summary>
[TestFixture("rs-7.4", false)]
[TestFixture("rs-7.8", false)]
[TestFixture("rs-8.2", false)]
[TestFixture("rs-7.8", true)]
public sealed class TtlTests(string profile, bool noErrorBody)
{
    private static readonly string[] InvalidTtls =
        ["0", "-1", "86401", "2147483648", "1.5", "60.0", "1e2", "\"60\"", "null", "true", "[]", "{}", "[60]"];

    private static readonly string[] NotJsonObjects =
        ["ttl=60", "{", """{"ttl": 60""", """{"ttl": 60,}""", """{'ttl': 60}""", "[1]", "null", "\"ttl\"", "60", """{"ttl": 60, "ttl": 70}"""];

    private MockUnderTest _mock = null!;

    [OneTimeSetUp]
    public void StartMock() =>
        _mock = MockUnderTest.Start(profile, p => noErrorBody ? p with { ErrorMessageField = ErrorMessageField.None } : p);

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [TestCaseSource(nameof(InvalidTtls))]
    public async Task Refresh_with_an_invalid_ttl_returns_400_invalid_ttl(string ttl)
    {
        var token = await _mock.TokenAsync();

        using var response = await _mock.RefreshAsync($"JWT {token}", $$"""{"ttl": {{ttl}}}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_ttl", _mock.Host.Profile);
    }

    [TestCaseSource(nameof(InvalidTtls))]
    public async Task Authorize_with_an_invalid_ttl_returns_400_invalid_ttl(string ttl)
    {
        using var response = await _mock.AuthorizeAsync(TestUsers.Admin, ttl);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_ttl", _mock.Host.Profile);
    }

    [TestCaseSource(nameof(NotJsonObjects))]
    public async Task Refresh_with_a_body_that_is_not_a_json_object_returns_400_invalid_json(string body)
    {
        var token = await _mock.TokenAsync();

        using var response = await _mock.RefreshAsync($"JWT {token}", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", _mock.Host.Profile);
    }

    [TestCase(1)]
    [TestCase(86400)]
    public async Task Authorize_accepts_the_bounds_and_sets_exp_to_iat_plus_ttl(int ttl)
    {
        var token = await _mock.TokenAsync(ttl);

        var (_, claims) = TokenForge.Read(token);

        Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(_mock.Now + ttl));
    }

    [Test]
    public async Task Authorize_without_ttl_gives_300_seconds()
    {
        var (_, claims) = TokenForge.Read(await _mock.TokenAsync());

        Assert.That(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), Is.EqualTo(300));
    }

    [Test]
    public async Task Invalid_ttl_with_an_invalid_token_is_answered_401_first()
    {
        using var response = await _mock.RefreshAsync("JWT not.a.token", """{"ttl": 0}""");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", _mock.Host.Profile);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase(null)]
    public async Task A_body_not_sent_as_json_is_refused_400_in_the_error_shape(string? contentType)
    {
        var token = await _mock.TokenAsync();
        using var response = await RefreshLabelledAsync(_mock, token, contentType);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", _mock.Host.Profile);
    }

    [Test]
    public async Task A_json_body_with_a_charset_is_read()
    {
        var token = await _mock.TokenAsync();
        using var response = await RefreshLabelledAsync(_mock, token, "application/json; charset=utf-8");

        Assert.That(await Lifetime(response), Is.EqualTo(42));
    }

    [Test]
    public async Task A_lenient_profile_reads_the_body_whatever_its_content_type_says()
    {
        using var lenient = MockUnderTest.Start(profile, p => p with { RequestContentType = RequestContentType.Any });
        using var response = await RefreshLabelledAsync(lenient, await lenient.TokenAsync(), "text/plain");

        Assert.That(await Lifetime(response), Is.EqualTo(42));
    }

    /// <summary>A refresh with <c>{"ttl": 42}</c> labelled <paramref name="contentType"/> (none when null).</summary>
    private static async Task<HttpResponseMessage> RefreshLabelledAsync(MockUnderTest mock, string token, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("""{"ttl": 42}""")),
        };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"JWT {token}");
        return await mock.Http.SendAsync(request);
    }

    private static async Task<long> Lifetime(HttpResponseMessage response)
    {
        var (_, claims) = TokenForge.Read(await response.AccessTokenAsync());
        return claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
    }
}
