using System.Net;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>GET /__mock/client-report and --client-report: the mock judging the client that talks to it.</summary>
public sealed class ClientReportTests
{
    [Test]
    public async Task Careful_client_passes_every_rule()
    {
        using var mock = MockUnderTest.Start();
        using (await mock.Http.PostAsync("/__mock/faults", MockUnderTest.JsonBody("""{"endpoint": "refresh_jwt", "status": 503, "retryAfter": 2, "count": 1}""")))
        {
        }

        var token = await mock.TokenAsync();
        await mock.AdvanceAsync(200);
        using (var unavailable = await mock.RefreshAsync($"JWT {token}"))
        {
            Assert.That(unavailable.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        await mock.AdvanceAsync(2);
        using var refreshed = await mock.RefreshAsync($"JWT {token}", """{"ttl": 600}""");
        using var user = await mock.GetUserAsync("1", $"JWT {await refreshed.AccessTokenAsync()}");
        var report = await ReportAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("verdict").GetString(), Is.EqualTo("pass"), report.GetProperty("line").GetString());
            Assert.That(report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("verdict").GetString()), Is.All.EqualTo("passed"));
            Assert.That(report.GetProperty("counts").GetProperty("requests").GetInt32(), Is.EqualTo(4));
            Assert.That(report.GetProperty("counts").GetProperty("faulted").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Careless_client_is_told_each_thing_it_did_wrong()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true });
        var raw = await CarelessClientAsync(mock);
        var report = await ReportAsync(mock);
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);

        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
            Assert.That(report.GetProperty("line").GetString(), Does.StartWith("client report: FAIL, 5 MUST and 4 SHOULD rule(s) broken in 11 request(s): C01 sent another scheme word 1× (\"Bearer\")"));
            Assert.That(checks["C01"].GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(checks["C02"].GetProperty("detail").GetString(), Does.StartWith("asked for an invalid ttl 1× (0)"));
            Assert.That(checks["C03"].GetProperty("detail").GetString(), Does.StartWith("sent credentials where the cluster does not read them 1× (in the JSON body)"));
            Assert.That(checks["C04"].GetProperty("detail").GetString(), Does.StartWith("sent a bad token 1× (bad signature)"));
            Assert.That(checks["C05"].GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(checks["C06"].GetProperty("detail").GetString(), Does.StartWith("sent an expired token 1× (up to 42 s late)"));
            Assert.That(checks["C07"].GetProperty("detail").GetString(), Does.StartWith("ignored Retry-After 1× (up to 30 s early)"));
            Assert.That(checks["C08"].GetProperty("detail").GetString(), Does.StartWith("logged in again while holding a valid token 1× (up to 300 s left)"));
            Assert.That(checks["C09"].GetProperty("detail").GetString(), Does.StartWith("refreshed before half the lifetime 1× (as soon as 0% into it)"));
            Assert.That(
                checks.Values.Select(c => c.GetProperty("level").GetString()),
                Is.EqualTo(new[] { "MUST", "MUST", "MUST", "MUST", "MUST", "SHOULD", "SHOULD", "SHOULD", "SHOULD", "SHOULD" }));
        });
        foreach (var secret in raw.Select(t => t[^12..]).Append(TestUsers.Admin.Password))
        {
            Assert.That(report.GetRawText(), Does.Not.Contain(secret), "no piece of a token or password in the report");
        }

        TestContext.Out.WriteLine(report.GetRawText());
    }

    [Test]
    public async Task Delete_starts_a_new_report()
    {
        using var mock = MockUnderTest.Start();
        using (await mock.RefreshAsync("Bearer x"))
        {
        }

        using var cleared = await mock.Http.DeleteAsync("/__mock/client-report");
        var report = await ReportAsync(mock);

        Assert.Multiple(() =>
        {
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(report.GetProperty("verdict").GetString(), Is.EqualTo("pass"));
            Assert.That(report.GetProperty("counts").EnumerateObject(), Is.Empty);
        });
    }

    [Test]
    public async Task Mock_stopped_with_client_report_writes_the_file_prints_the_verdict_and_exits_4_for_a_careless_client()
    {
        var file = Path.Combine(Path.GetTempPath(), $"client-report-{Guid.NewGuid():N}.json");
        try
        {
            using var mock = StandaloneMock.Start(["--http", "--port", "0", "--quiet", "--client-report", file]);
            using var http = new HttpClient { BaseAddress = new Uri(await mock.FirstLineAsync()) };
            using var login = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Content = MockUnderTest.JsonBody("""{"username": "admin@example.com", "password": "Passw0rd!"}""") };
            using (await http.SendAsync(login))
            {
            }

            var exitCode = await mock.SignalAsync();
            var written = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.ClientFailed));
                Assert.That(mock.Stderr, Has.Some.StartsWith("client report: FAIL, 1 MUST and 0 SHOULD rule(s) broken in 1 request(s): C03"));
                Assert.That(written.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
                Assert.That(written.GetProperty("checks")[2].GetProperty("verdict").GetString(), Is.EqualTo("failed"));
                Assert.That(File.ReadAllText(file), Does.Not.Contain("Passw0rd"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Mock_stopped_with_client_report_exits_0_for_a_client_that_broke_no_MUST_rule()
    {
        var file = Path.Combine(Path.GetTempPath(), $"client-report-{Guid.NewGuid():N}.json");
        try
        {
            using var mock = StandaloneMock.Start(["--http", "--port", "0", "--quiet", "--client-report", file]);
            using var http = new HttpClient { BaseAddress = new Uri(await mock.FirstLineAsync()) };
            using var login = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Headers = { Authorization = MockUnderTest.Basic(TestUsers.Admin) } };
            using (await http.SendAsync(login))
            {
            }

            var exitCode = await mock.SignalAsync();

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
                Assert.That(mock.Stderr, Has.Some.StartsWith("client report: PASS, 0 MUST and 0 SHOULD rule(s) broken in 1 request(s)"));
                Assert.That(JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("verdict").GetString(), Is.EqualTo("pass"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A client that gets everything wrong once, in 11 requests; returns every token it was given. Shared with
    /// README's example (the report it produces is shown there).
    /// </summary>
    internal static async Task<List<string>> CarelessClientAsync(MockUnderTest mock)
    {
        var tokens = new List<string>();
        using (await mock.SendAsync(HttpMethod.Post, "/v1/users/authorize", body: """{"username": "admin@example.com", "password": "Passw0rd!"}"""))
        {
        }

        var token = await mock.TokenAsync();
        tokens.Add(token);
        tokens.Add(await mock.TokenAsync());
        using (await mock.RefreshAsync($"Bearer {token}"))
        using (await mock.RefreshAsync($"JWT {token}", """{"ttl": 0}"""))
        using (await mock.RefreshAsync($"JWT {BrokenSignature(token)}"))
        {
        }

        await mock.AdvanceAsync(1);
        using (var early = await mock.RefreshAsync($"JWT {token}"))
        {
            tokens.Add(await early.AccessTokenAsync());
        }

        using (await mock.RefreshAsync($"JWT {token}"))
        {
        }

        await mock.AdvanceAsync(342);
        using (await mock.GetUserAsync("1", $"JWT {tokens[^1]}"))
        {
        }

        using (await mock.Http.PostAsync("/__mock/faults", MockUnderTest.JsonBody("""{"endpoint": "users", "status": 503, "retryAfter": 30, "count": 1}""")))
        using (await mock.GetUserAsync("1", MockUnderTest.Basic(TestUsers.Admin).ToString()))
        using (await mock.GetUserAsync("1", MockUnderTest.Basic(TestUsers.Admin).ToString()))
        {
        }

        return tokens;
    }

    private static string BrokenSignature(string token)
    {
        var at = token.LastIndexOf('.') + 1;
        return string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
    }

    private static async Task<JsonElement> ReportAsync(MockUnderTest mock)
    {
        using var response = await mock.Http.GetAsync("/__mock/client-report");
        return await response.JsonAsync();
    }
}
