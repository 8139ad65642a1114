using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// A representative set of requests to each shipped profile, from a login to the refusals of the HTTP server itself:
/// every answer has the status the test expects and is one docs/openapi.yaml describes (checked by
/// <see cref="ContractCheckingHandler"/>, which fails the test on the first that is not).
/// </summary>
[TestFixture("rs-7.4")]
[TestFixture("rs-7.8")]
[TestFixture("rs-8.2")]
public sealed class OpenApiAnswersTests(string profile)
{
    private readonly List<string> _wrong = [];
    private int _sent;

    [Test]
    public async Task Every_answer_of_the_representative_set_is_described_by_the_document()
    {
        using var mock = MockUnderTest.Start(profile);
        await AuthorizeAsync(mock);
        await RefreshAsync(mock);
        await UsersAsync(mock);
        await ElsewhereAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(_wrong, Is.Empty, "answers with another status than expected");
            Assert.That(mock.Contract.Checked, Is.EqualTo(_sent), "every answer was checked against the document");
        });
        TestContext.Out.WriteLine($"{profile}: {_sent} answers checked against docs/openapi.yaml");
    }

    private async Task AuthorizeAsync(MockUnderTest mock)
    {
        await ExpectAsync("authorize", 200, mock.AuthorizeAsync(TestUsers.Admin));
        await ExpectAsync("authorize, ttl 86400", 200, mock.AuthorizeAsync(TestUsers.Admin, "86400"));
        await ExpectAsync("authorize, wrong password", 401, mock.AuthorizeAsync(TestUsers.Admin with { Password = "wrong" }));
        await ExpectAsync("authorize, unknown user", 401, mock.AuthorizeAsync(new Credentials("nobody@example.com", "x")));
        await ExpectAsync("authorize, no credentials", 401, mock.SendAsync(HttpMethod.Post, "/v1/users/authorize"));
        await ExpectAsync("authorize, expired password", 401, mock.AuthorizeAsync(TestUsers.Expired));
        foreach (var ttl in new[] { "0", "86401", "-5", "1.5", "\"60\"", "null", "1e400" })
        {
            await ExpectAsync($"authorize, ttl {ttl}", 400, mock.AuthorizeAsync(TestUsers.Admin, ttl));
        }

        var basic = Basic(TestUsers.Admin);
        await ExpectAsync("authorize, body not JSON", 400, mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", basic, "ttl=60"));
        await ExpectAsync("authorize, body a JSON array", 400, mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", basic, "[60]"));
        await mock.SetStatusAsync(TestUsers.AdminUid, "locked");
        await ExpectAsync("authorize, locked user", 401, mock.AuthorizeAsync(TestUsers.Admin));
        await mock.SetStatusAsync(TestUsers.AdminUid, "active");
    }

    private async Task RefreshAsync(MockUnderTest mock)
    {
        var token = await TokenAsync(mock);
        await ExpectAsync("refresh", 200, mock.RefreshAsync($"JWT {token}"));
        await ExpectAsync("refresh, ttl 60", 200, mock.RefreshAsync($"JWT {token}", """{"ttl": 60}"""));
        await ExpectAsync("refresh, empty object", 200, mock.RefreshAsync($"JWT {token}", "{}"));
        await ExpectAsync("refresh, no header", 401, mock.RefreshAsync(null));
        await ExpectAsync("refresh, no token", 401, mock.RefreshAsync("JWT"));
        await ExpectAsync("refresh, malformed token", 401, mock.RefreshAsync("JWT abc.def"));
        await ExpectAsync("refresh, another scheme", 401, mock.RefreshAsync($"Basic {token}"));
        await ExpectAsync("refresh, altered signature", 401, mock.RefreshAsync($"JWT {token[..^2]}AA"));
        await ExpectAsync("refresh, ttl 0", 400, mock.RefreshAsync($"JWT {token}", """{"ttl": 0}"""));
        await ExpectAsync("refresh, ttl 86401", 400, mock.RefreshAsync($"JWT {token}", """{"ttl": 86401}"""));
        await ExpectAsync("refresh, ttl a string", 400, mock.RefreshAsync($"JWT {token}", """{"ttl": "60"}"""));
        await ExpectAsync("refresh, body not JSON", 400, mock.RefreshAsync($"JWT {token}", "{ttl"));
        await ExpectAsync("refresh, bad token and bad body", 401, mock.RefreshAsync("JWT abc", """{"ttl": 0}"""));
        await ExpectAsync("refresh, body over the cap", 413, mock.RefreshAsync($"JWT {token}", new string(' ', 70 * 1024)));

        var shortLived = await TokenAsync(mock, "1");
        await mock.AdvanceAsync(1);
        await ExpectAsync("refresh, expired token", 401, mock.RefreshAsync($"JWT {shortLived}"));

        var beforeExpiry = await TokenAsync(mock);
        await mock.SetStatusAsync(TestUsers.AdminUid, "password_expired");
        await ExpectAsync("refresh, password expired since", 401, mock.RefreshAsync($"JWT {beforeExpiry}"));
        await ExpectAsync("user, password expired since", 401, mock.GetUserAsync(TestUsers.AdminUid, $"JWT {beforeExpiry}"));
        await mock.SetStatusAsync(TestUsers.AdminUid, "active");
    }

    private async Task UsersAsync(MockUnderTest mock)
    {
        var token = await TokenAsync(mock);
        await ExpectAsync("user, with a token", 200, mock.GetUserAsync(TestUsers.AdminUid, $"JWT {token}"));
        await ExpectAsync("user, with Basic", 200, mock.GetUserAsync(TestUsers.ExpiredUid, Basic(TestUsers.Admin)));
        await ExpectAsync("user, Basic of an expired password", 401, mock.GetUserAsync(TestUsers.AdminUid, Basic(TestUsers.Expired)));
        await ExpectAsync("user, unknown uid", 404, mock.GetUserAsync("99", $"JWT {token}"));
        await ExpectAsync("user, uid not a number", 404, mock.GetUserAsync("abc", $"JWT {token}"));
        await ExpectAsync("user, no credentials", 401, mock.GetUserAsync(TestUsers.AdminUid, null));
        await ExpectAsync("user, wrong password", 401, mock.GetUserAsync(TestUsers.AdminUid, Basic(TestUsers.Admin with { Password = "x" })));
        await ExpectAsync("user, headers over 32 KB", 431, mock.GetUserAsync(TestUsers.AdminUid, $"JWT {new string('a', 40 * 1024)}"));
    }

    private async Task ElsewhereAsync(MockUnderTest mock)
    {
        await ExpectAsync("GET authorize", 405, mock.SendAsync(HttpMethod.Get, "/v1/users/authorize"));
        await ExpectAsync("PUT refresh_jwt", 405, mock.SendAsync(HttpMethod.Put, "/v1/users/refresh_jwt", body: "{}"));
        await ExpectAsync("DELETE a user", 405, mock.SendAsync(HttpMethod.Delete, "/v1/users/1"));
        await ExpectAsync("HEAD authorize", 405, mock.SendAsync(HttpMethod.Head, "/v1/users/authorize"));
        await ExpectAsync("another endpoint", 404, mock.SendAsync(HttpMethod.Get, "/v1/bdbs"));
        await ExpectAsync("below a user", 404, mock.SendAsync(HttpMethod.Get, "/v1/users/1/roles"));
        await ExpectAsync("another case", 404, mock.SendAsync(HttpMethod.Post, "/V1/users/authorize"));
        await ExpectAsync("unknown path, body over the cap", 413, mock.SendAsync(HttpMethod.Post, "/v1/bdbs", body: new string(' ', 70 * 1024)));
    }

    private async Task<string> TokenAsync(MockUnderTest mock, string? ttl = null)
    {
        using var response = await mock.AuthorizeAsync(TestUsers.Admin, ttl);
        _sent++;
        return await response.AccessTokenAsync();
    }

    private async Task ExpectAsync(string what, int status, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        _sent++;
        if ((int)response.StatusCode != status)
        {
            _wrong.Add($"{what}: {(int)response.StatusCode}, expected {status}");
        }
    }

    private static string Basic(Credentials user) => MockUnderTest.Basic(user).ToString();
}
