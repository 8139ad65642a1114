using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RefreshJwt.MockServer.Tests.Support;
using static RefreshJwt.MockServer.Tests.Support.TokenForge;

namespace RefreshJwt.MockServer.Tests;

/// <summary>What the mock issues and the edges of what it accepts, with tokens signed by its own key.</summary>
public sealed class TokenValidationTests
{
    [Test]
    public async Task Issued_token_is_hs256_with_exactly_iat_exp_and_a_string_uid()
    {
        using var mock = MockUnderTest.Start();

        var (header, claims) = Read(await mock.TokenAsync());

        Assert.Multiple(() =>
        {
            Assert.That(header.GetRawText(), Is.EqualTo("""{"alg":"HS256","typ":"JWT"}"""));
            Assert.That(claims.EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "iat", "exp", "uid" }));
            Assert.That(claims.GetProperty("uid").ValueKind, Is.EqualTo(JsonValueKind.String));
        });
    }

    [Test]
    public async Task Fixed_signing_key_and_clock_give_the_same_token_on_every_start()
    {
        using var first = MockUnderTest.Start();
        using var second = MockUnderTest.Start();

        Assert.That(await first.TokenAsync(ttl: 77), Is.EqualTo(await second.TokenAsync(ttl: 77)));
    }

    [Test]
    public async Task Without_a_signing_key_each_start_signs_with_a_random_one()
    {
        var options = new MockServerOptions { Port = 0, UseHttps = false, FrozenAt = MockUnderTest.FrozenAt };
        using var first = MockServerHost.Start(options);
        using var second = MockServerHost.Start(options);
        using var http = new HttpClient();

        var tokens = new List<string>();
        foreach (var host in new[] { first, second })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{host.BaseUrl}/v1/users/authorize") { Headers = { Authorization = MockUnderTest.Basic(TestUsers.Admin) } };
            using var response = await http.SendAsync(request);
            tokens.Add(await response.AccessTokenAsync());
        }

        Assert.Multiple(() =>
        {
            Assert.That(tokens[0], Is.Not.EqualTo(tokens[1]));
            Assert.That(HasValidSignature(tokens[0], MockUnderTest.Key), Is.False);
        });
    }

    [Test]
    public async Task Extra_claims_from_the_profile_are_added_to_every_token()
    {
        var extra = new Dictionary<string, JsonElement>
        {
            ["role"] = JsonSerializer.SerializeToElement("admin"),
            ["scopes"] = JsonSerializer.SerializeToElement(new[] { "a", "b" }),
        };
        using var mock = MockUnderTest.Start(adjust: p => p with { ExtraClaims = extra });
        var token = await mock.TokenAsync();

        using var response = await mock.RefreshAsync($"JWT {token}");
        var (_, claims) = Read(await response.AccessTokenAsync());

        Assert.Multiple(() =>
        {
            Assert.That(claims.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(claims.GetProperty("scopes").GetRawText(), Is.EqualTo("""["a","b"]"""));
        });
    }

    [TestCase(0, -1, HttpStatusCode.OK)]
    [TestCase(0, 0, HttpStatusCode.Unauthorized)]
    [TestCase(30, 29, HttpStatusCode.OK)]
    [TestCase(30, 30, HttpStatusCode.Unauthorized)]
    public async Task Exp_is_refused_from_exp_plus_the_leeway_on(int leeway, int secondsAfterExp, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LeewaySeconds = leeway });
        var exp = mock.Now - secondsAfterExp;

        using var response = await mock.RefreshAsync($"JWT {Sign(Hs256Header, Claims(exp - 300, exp))}");

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase(0, 0, HttpStatusCode.OK)]
    [TestCase(0, 1, HttpStatusCode.Unauthorized)]
    [TestCase(30, 30, HttpStatusCode.OK)]
    [TestCase(30, 31, HttpStatusCode.Unauthorized)]
    public async Task Nbf_is_honoured_with_the_same_leeway(int leeway, int secondsBeforeNbf, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LeewaySeconds = leeway });
        var nbf = mock.Now + secondsBeforeNbf;

        using var response = await mock.RefreshAsync($"JWT {Sign(Hs256Header, $$"""{"nbf":{{nbf}},"exp":{{nbf + 300}},"uid":"1"}""")}");

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    // Recorded, not prescribed: the RFCs allow these and the real cluster's choice is unknown (N20, N22, N23, N25 "I" rows).
    [TestCase("iat in the future (N22)", """{"iat":NOW+3600,"exp":NOW+300,"uid":"1"}""")]
    [TestCase("iat missing (N22)", """{"exp":NOW+300,"uid":"1"}""")]
    [TestCase("exp a fraction (N23)", """{"exp":NOW+300.5,"uid":"1"}""")]
    [TestCase("uid a number (N23)", """{"exp":NOW+300,"uid":1}""")]
    [TestCase("uid with a leading zero (N23)", """{"exp":NOW+300,"uid":"01"}""")]
    [TestCase("iss and aud of another cluster (N25)", """{"exp":NOW+300,"uid":"1","iss":"other","aud":"other"}""")]
    [TestCase("whitespace around the JSON", """  {"exp":NOW+300,"uid":"1"}  """)]
    public async Task Validly_signed_token_with_an_unusual_but_legal_shape_is_accepted(string shape, string claims)
    {
        using var mock = MockUnderTest.Start();
        using var response = await mock.RefreshAsync($"JWT {Sign(Hs256Header, AtTime(claims, mock.Now))}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), shape);
    }

    [TestCase("""{"alg":"HS256","typ":"at+jwt"}""")]
    [TestCase("""{"alg":"HS256","kid":"any"}""")]
    [TestCase("""{"alg":"HS256"}""")]
    public async Task Header_parameters_the_mock_does_not_use_are_ignored(string header)
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.RefreshAsync($"JWT {Sign(header, Claims(mock.Now, mock.Now + 300))}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task First_allowed_algorithm_signs_and_every_allowed_one_is_accepted()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { Algorithms = ["HS512", "HS384"] });
        var claims = Claims(mock.Now, mock.Now + 300);

        var (header, _) = Read(await mock.TokenAsync());
        using var hs384 = await mock.RefreshAsync($"JWT {Sign("""{"alg":"HS384"}""", claims, alg: "HS384")}");
        using var hs256 = await mock.RefreshAsync($"JWT {Sign("""{"alg":"HS256"}""", claims)}");

        Assert.Multiple(() =>
        {
            Assert.That(header.GetProperty("alg").GetString(), Is.EqualTo("HS512"));
            Assert.That(hs384.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(hs256.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    /// <summary>The claims with each <c>NOW+n</c> replaced by the mock's time plus n seconds.</summary>
    private static string AtTime(string claims, long now) =>
        Regex.Replace(claims, @"NOW\+(\d+)", m => (now + long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
}
