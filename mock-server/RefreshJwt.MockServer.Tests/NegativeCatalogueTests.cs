using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The negative catalogue N01–N34 against the mock: nothing accepted, nothing answered with a 5xx, every refusal explained.</summary>
[TestFixture("rs-7.4")]
[TestFixture("rs-7.8")]
[TestFixture("rs-8.2")]
public sealed class NegativeCatalogueTests(string profile)
{
    private MockUnderTest _mock = null!;
    private NegativeContext _context = null!;

    public static IEnumerable<TestCaseData> Cases() =>
        NegativeCatalogue.All().Select(c => new TestCaseData(c).SetArgDisplayNames($"{c.Id} {c.Name}"));

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _mock = MockUnderTest.Start(profile);
        _context = new NegativeContext(_mock.Now, await _mock.TokenAsync(ttl: 3600));
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task Issued_token_the_cases_start_from_is_accepted()
    {
        using var response = await _mock.RefreshAsync($"JWT {_context.Issued}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Refresh_jwt_refuses_with_401_and_journals_why(NegativeCase negative)
    {
        var clock = Stopwatch.StartNew();
        using var response = await _mock.RefreshAsync(negative.Authorization(_context));
        var elapsed = clock.Elapsed;
        var refusal = (await _mock.LastEntryAsync()).GetProperty("refusal");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, negative.ErrorCode, _mock.Host.Profile);
        Assert.Multiple(() =>
        {
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo(JsonNamingPolicy.SnakeCaseLower.ConvertName(negative.Refusal.ToString())));
            Assert.That(refusal.GetProperty("detail").GetString(), Is.Not.Empty);
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no timing anomaly (N17 |sleep 10)");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Get_user_refuses_with_401(NegativeCase negative)
    {
        using var response = await _mock.GetUserAsync(TestUsers.AdminUid, negative.Authorization(_context));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, negative.ErrorCode, _mock.Host.Profile);
    }

    [TestCase("JWT  {0}")]
    [TestCase("JWT {0}   ")]
    [TestCase("   JWT {0}")]
    public async Task N02_extra_spaces_around_the_token_are_accepted_as_RFC_9110_allows(string format)
    {
        using var response = await _mock.RefreshAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, _context.Issued));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "credentials = auth-scheme [ 1*SP token68 ]");
    }

    [Test]
    public async Task N16_jku_and_x5u_are_never_fetched()
    {
        using var attacker = new TcpListener(IPAddress.Loopback, 0);
        attacker.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)attacker.LocalEndpoint).Port}";
        var header = $$"""{"alg":"HS256","jku":"{{url}}/jwks.json","x5u":"{{url}}/cert.pem","kid":"k"}""";

        using var response = await _mock.RefreshAsync($"JWT {TokenForge.Sign(header, TokenForge.Claims(_mock.Now, _mock.Now + 300), "attacker"u8.ToArray())}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(attacker.Pending(), Is.False, "the mock connected to the jku/x5u URL");
        });
    }

    [TestCase(64 * 1024)]
    [TestCase(1024 * 1024)]
    public async Task N31_oversized_authorization_header_is_refused_without_a_5xx(int size)
    {
        var status = await RawHttp.SendAsync(_mock.Host.BaseUrl, "POST", "/v1/users/refresh_jwt", [$"Authorization: JWT {new string('a', size)}"]);

        Assert.That(status, Is.EqualTo(431), "Request Header Fields Too Large, from the HTTP server itself");
    }

    [TestCase("valid first")]
    [TestCase("valid second")]
    [TestCase("both valid")]
    public async Task N32_two_authorization_headers_are_refused(string order)
    {
        var valid = $"Authorization: JWT {_context.Issued}";
        string[] headers = order switch
        {
            "valid first" => [valid, "Authorization: JWT forged"],
            "valid second" => ["Authorization: JWT forged", valid],
            _ => [valid, valid],
        };

        var refresh = await RawHttp.SendAsync(_mock.Host.BaseUrl, "POST", "/v1/users/refresh_jwt", headers);
        var user = await RawHttp.SendAsync(_mock.Host.BaseUrl, "GET", "/v1/users/1", headers);

        Assert.Multiple(() =>
        {
            Assert.That(refresh, Is.EqualTo(401));
            Assert.That(user, Is.EqualTo(401));
        });
    }

    [Test]
    public async Task N32_two_basic_headers_on_authorize_are_refused()
    {
        var basic = $"Authorization: {MockUnderTest.Basic(TestUsers.Admin)}";

        var status = await RawHttp.SendAsync(_mock.Host.BaseUrl, "POST", "/v1/users/authorize", [basic, basic]);

        Assert.That(status, Is.EqualTo(401));
    }
}
