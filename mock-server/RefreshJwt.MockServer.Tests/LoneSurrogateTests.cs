using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// An escaped lone surrogate (<c>"\ud800"</c>) is valid JSON syntax but no text: every endpoint answers it in its own
/// error shape, the journal and the client report still read afterwards.
/// </summary>
public sealed class LoneSurrogateTests
{
    private const string Lone = "\\ud800";

    [TestCase($$"""{"{{Lone}}": 1}""")]
    [TestCase($$"""{"ttl": "{{Lone}}"}""")]
    [TestCase($$"""{"ttl": 60, "note": ["{{Lone}}"]}""")]
    public async Task Authorize_refuses_the_body_with_400_and_still_journals_and_reports(string body)
    {
        using var mock = MockUnderTest.Start();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Content = MockUnderTest.JsonBody(body) };
        request.Headers.Authorization = MockUnderTest.Basic(TestUsers.Admin);

        using var response = await mock.Http.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", mock.Host.Profile);
        await AssertAdminStillReadsAsync(mock, 400);
    }

    [Test]
    public async Task Body_credentials_holding_one_are_refused_with_400()
    {
        using var mock = MockUnderTest.Start("rs-7.4");

        using var response = await mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", body: $$"""{"username": "{{Lone}}", "password": "x"}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json", mock.Host.Profile);
        await AssertAdminStillReadsAsync(mock, 400);
    }

    [TestCase("claims")]
    [TestCase("header")]
    [TestCase("claim name")]
    public async Task A_token_holding_one_is_401_on_refresh_and_on_users_and_the_journal_still_reads(string where)
    {
        using var mock = MockUnderTest.Start();
        var claims = TokenForge.Claims(mock.Now, mock.Now + 300);
        var token = where switch
        {
            "claims" => TokenForge.Sign(TokenForge.Hs256Header, claims[..^1] + $",\"note\":\"{Lone}\"}}"),
            "header" => TokenForge.Sign($$"""{"alg":"HS256","typ":"{{Lone}}"}""", claims),
            _ => TokenForge.Sign(TokenForge.Hs256Header, claims[..^1] + $",\"{Lone}\":1}}"),
        };

        using var refreshed = await mock.RefreshAsync($"JWT {token}");
        using var read = await mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
        await AssertAdminStillReadsAsync(mock, 401);
    }

    [TestCase("POST", "/__mock/faults", $$"""{"endpoint": "{{Lone}}"}""")]
    [TestCase("POST", "/__mock/faults", $$"""{"{{Lone}}": 1}""")]
    [TestCase("PUT", "/__mock/users/1/status", $$"""{"status": "{{Lone}}"}""")]
    [TestCase("PUT", "/__mock/users/1/status", $$"""{"{{Lone}}": "locked"}""")]
    [TestCase("POST", "/__mock/clock/advance", $$"""{"{{Lone}}": 1}""")]
    [TestCase("POST", "/__mock/clock/reset", $$"""{"{{Lone}}": 1}""")]
    public async Task Admin_endpoints_refuse_it_with_400(string method, string path, string body)
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.SendAsync(new HttpMethod(method), path, body: body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertAdminStillReadsAsync(MockUnderTest mock, int status)
    {
        using var journal = await mock.Http.GetAsync("/__mock/journal");
        using var report = await mock.Http.GetAsync("/__mock/client-report");
        Assert.Multiple(async () =>
        {
            Assert.That(journal.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the journal holds the request and still reads");
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the client report still reads");
            Assert.That((await mock.LastEntryAsync()).GetProperty("status").GetInt32(), Is.EqualTo(status));
        });
    }
}
