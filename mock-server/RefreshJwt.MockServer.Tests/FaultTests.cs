using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>/__mock/faults and --fault, each fault as a real HttpClient sees it.</summary>
public sealed class FaultTests
{
    [Test]
    public async Task Status_fault_answers_the_next_two_refreshes_with_503_and_Retry_After_then_the_third_normally()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();
        using var added = await AddAsync(mock, """{"endpoint": "refresh_jwt", "status": 503, "retryAfter": 2, "count": 2}""");

        using var first = await mock.RefreshAsync($"JWT {token}");
        using var second = await mock.RefreshAsync($"JWT {token}");
        using var third = await mock.RefreshAsync($"JWT {token}");
        var journal = (await mock.JournalAsync()).GetProperty("entries").EnumerateArray().ToArray();

        Assert.Multiple(async () =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That((await first.JsonAsync()).GetProperty("error_code").GetString(), Is.EqualTo("service_unavailable"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(journal.Select(e => e.GetProperty("status").GetInt32()), Is.EqualTo(new[] { 200, 503, 503, 200 }));
            Assert.That(journal[1].GetProperty("fault").GetString(), Is.EqualTo("status 503, Retry-After 2 (fault 1)"));
            Assert.That(journal[3].GetProperty("fault").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Status_fault_takes_the_profiles_error_shape_and_only_its_endpoint()
    {
        using var mock = MockUnderTest.Start("rs-8.2");
        using var added = await AddAsync(mock, """{"endpoint": "users", "status": 500, "count": 1}""");

        var token = await mock.TokenAsync();
        using var user = await mock.GetUserAsync("1", $"JWT {token}");
        var body = await user.JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(user.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body.GetProperty("error_code").GetString(), Is.EqualTo("internal_error"));
            Assert.That(body.TryGetProperty("description", out _), Is.True, "rs-8.2 puts the text in description");
        });
    }

    [Test]
    public async Task Reset_drops_the_next_connection_without_a_response_and_the_one_after_is_served()
    {
        using var mock = MockUnderTest.Start();
        using var added = await AddAsync(mock, """{"endpoint": "any", "reset": true, "count": 1}""");

        var reset = Assert.ThrowsAsync<HttpRequestException>(() => mock.RefreshAsync(null));
        using var after = await mock.RefreshAsync(null);
        var entries = (await mock.JournalAsync()).GetProperty("entries").EnumerateArray().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(reset!.InnerException, Is.InstanceOf<IOException>().Or.InstanceOf<HttpIOException>(), "no HTTP response at all");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(entries[0].GetProperty("status").GetInt32(), Is.Zero, "journaled without a status");
            Assert.That(entries[0].GetProperty("fault").GetString(), Does.StartWith("reset"));
        });
    }

    [Test]
    public async Task Delay_holds_the_next_login_past_a_clients_timeout_and_the_next_is_prompt()
    {
        using var mock = MockUnderTest.Start();
        using var added = await AddAsync(mock, """{"endpoint": "authorize", "delayMs": 1500, "count": 1}""");
        using var impatient = new HttpClient { BaseAddress = new Uri(mock.Host.BaseUrl), Timeout = TimeSpan.FromMilliseconds(500) };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Headers = { Authorization = MockUnderTest.Basic(TestUsers.Admin) } };

        var timedOut = Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(login));
        var watch = Stopwatch.StartNew();
        using var prompt = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(timedOut!.InnerException, Is.InstanceOf<TimeoutException>(), "HttpClient's timeout, not a refusal");
            Assert.That(prompt.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(1400)), "the fault was used up by the first login");
        });
    }

    [Test]
    public async Task Delay_range_is_drawn_from_the_seed_and_journaled()
    {
        using var mock = MockUnderTest.Start();
        using var added = await AddAsync(mock, """{"endpoint": "refresh_jwt", "delayMs": 50, "delayMaxMs": 150, "count": 1, "seed": 7}""");

        var watch = Stopwatch.StartNew();
        using var refresh = await mock.RefreshAsync(null);
        var entry = await mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)));
            Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "after the delay the request is served as usual");
            Assert.That(entry.GetProperty("fault").GetString(), Is.EqualTo("delay 50..150 ms (fault 1)"));
        });
    }

    [Test]
    public async Task Slow_body_sends_the_headers_first_and_the_body_over_the_given_time()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();
        using var added = await AddAsync(mock, """{"endpoint": "refresh_jwt", "slowBodyMs": 1000, "count": 1}""");

        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt");
        request.Headers.TryAddWithoutValidation("Authorization", $"JWT {token}");
        using var response = await mock.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var headersAfter = watch.Elapsed;
        var body = await response.Content.ReadAsStringAsync();
        var bodyAfter = watch.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(headersAfter, Is.LessThan(TimeSpan.FromMilliseconds(900)), "headers before the body");
            Assert.That(bodyAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)), "the body took its time");
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString(), Is.Not.Empty, "and arrived whole");
        });
    }

    [Test]
    public async Task Expire_refuses_the_presented_token_now_and_later_while_a_new_login_works()
    {
        using var mock = MockUnderTest.Start();
        var token = await mock.TokenAsync();
        using var added = await AddAsync(mock, """{"endpoint": "refresh_jwt", "expire": true, "count": 1}""");

        using var expired = await mock.RefreshAsync($"JWT {token}");
        using var again = await mock.GetUserAsync("1", $"JWT {token}");
        var fresh = await mock.TokenAsync();
        using var refreshed = await mock.RefreshAsync($"JWT {fresh}");
        var entries = (await mock.JournalAsync()).GetProperty("entries").EnumerateArray().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the token stays expired");
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the fault was one-shot");
            Assert.That(entries[1].GetProperty("refusal").GetProperty("kind").GetString(), Is.EqualTo("expired"));
            Assert.That(entries[1].GetProperty("fault").GetString(), Does.StartWith("expire"));
            Assert.That(mock.Now, Is.EqualTo(MockUnderTest.FrozenAt.ToUnixTimeSeconds() + 300), "the clock moved to the token's exp");
        });
    }

    [Test]
    public async Task Fraction_is_reproducible_with_its_seed()
    {
        async Task<int[]> RunAsync()
        {
            using var mock = MockUnderTest.Start();
            using var added = await AddAsync(mock, """{"endpoint": "users", "status": 429, "fraction": 0.5, "seed": 42}""");
            var statuses = new int[20];
            for (var i = 0; i < statuses.Length; i++)
            {
                using var response = await mock.GetUserAsync("1", null);
                statuses[i] = (int)response.StatusCode;
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first), "same seed, same requests faulted");
            Assert.That(first.Count(s => s == 429), Is.InRange(4, 16), "about half");
            Assert.That(first, Does.Contain(401), "the rest served normally");
        });
    }

    [Test]
    public async Task List_shows_counters_and_delete_clears()
    {
        using var mock = MockUnderTest.Start();
        using (await AddAsync(mock, """{"endpoint": "refresh_jwt", "status": 503, "retryAfter": 2, "count": 2}"""))
        using (await mock.RefreshAsync(null))
        {
        }

        var listed = await GetJsonAsync(mock, "/__mock/faults");
        using var cleared = await mock.Http.DeleteAsync("/__mock/faults");
        using var served = await mock.RefreshAsync(null);
        var empty = await GetJsonAsync(mock, "/__mock/faults");

        var fault = listed.GetProperty("faults")[0];
        Assert.Multiple(() =>
        {
            Assert.That(fault.GetProperty("endpoint").GetString(), Is.EqualTo("refresh_jwt"));
            Assert.That(fault.GetProperty("retryAfter").GetInt32(), Is.EqualTo(2));
            Assert.That(fault.GetProperty("applied").GetInt32(), Is.EqualTo(1));
            Assert.That(fault.GetProperty("remaining").GetInt32(), Is.EqualTo(1));
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no fault any more");
            Assert.That(empty.GetProperty("faults").GetArrayLength(), Is.Zero);
        });
    }

    [TestCase("", "a fault is a JSON object")]
    [TestCase("""{"endpoint": "login", "status": 503}""", "endpoint is one of")]
    [TestCase("""{"status": 200}""", "status is a whole number from 400 to 599")]
    [TestCase("""{"status": "503"}""", "status is a whole number from 400 to 599")]
    [TestCase("""{"retryAfter": 2}""", "retryAfter goes with a status")]
    [TestCase("""{"status": 503, "reset": true}""", "a fault does one of")]
    [TestCase("""{"count": 2}""", "a fault needs one of")]
    [TestCase("""{"status": 503, "count": 0}""", "count is a whole number of at least 1")]
    [TestCase("""{"status": 503, "fraction": 1.5}""", "fraction is a number above 0")]
    [TestCase("""{"status": 503, "retry_after": 2}""", "unknown field \"retry_after\"")]
    [TestCase("""{"delayMs": 100, "delayMaxMs": 50}""", "delayMaxMs is below delayMs")]
    public async Task Bad_fault_is_refused_with_a_plain_reason(string body, string reason)
    {
        using var mock = MockUnderTest.Start();

        using var response = await AddAsync(mock, body);
        var error = (await response.JsonAsync()).GetProperty("error").GetString();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error, Does.Contain(reason));
            Assert.That(error, Does.Not.Contain("System."), "no .NET type names");
        });
    }

    [Test]
    public async Task Other_methods_on_the_admin_endpoints_get_405_with_Allow()
    {
        using var mock = MockUnderTest.Start();

        using var faults = await mock.SendAsync(HttpMethod.Put, "/__mock/faults", body: "{}");
        using var report = await mock.SendAsync(HttpMethod.Post, "/__mock/client-report", body: "{}");

        Assert.Multiple(() =>
        {
            Assert.That(faults.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(faults.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST", "DELETE" }));
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(report.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "DELETE" }));
        });
    }

    [Test]
    public async Task Faults_never_touch_the_admin_api()
    {
        using var mock = MockUnderTest.Start();
        using (await AddAsync(mock, """{"endpoint": "any", "reset": true}"""))
        {
        }

        var listed = await GetJsonAsync(mock, "/__mock/faults");

        Assert.That(listed.GetProperty("faults").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Fault_flag_is_in_force_from_the_start_and_bad_ones_are_refused()
    {
        using var mock = StandaloneMock.Start(["--http", "--port", "0", "--quiet", "--fault", """{"endpoint": "authorize", "status": 503, "retryAfter": 5, "count": 1}"""]);
        using var http = new HttpClient { BaseAddress = new Uri(await mock.FirstLineAsync()) };
        using var response = await http.PostAsync("/v1/users/authorize", null);
        var (exitCode, _, stderr) = await StandaloneMock.RunToExitAsync("--http", "--port", "0", "--fault", """{"endpoint": "login"}""");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Has.Some.Contains("--fault endpoint is one of"));
        });
    }

    [Test]
    public void In_process_rules_are_checked_like_json()
    {
        using var host = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, Faults = [new FaultRule { Endpoint = FaultEndpoint.RefreshJwt, Status = 503, Count = 1 }] });

        Assert.Multiple(() =>
        {
            Assert.That(host.Faults.List(), Has.Count.EqualTo(1));
            Assert.That(() => host.Faults.Add(new FaultRule { RetryAfter = 1 }), Throws.TypeOf<MockConfigurationException>().With.Message.Contains("retryAfter goes with a status"));
        });
    }

    [Test]
    public async Task Faulted_answers_and_their_log_lines_hold_no_token_and_no_exception_text()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);
        var token = await mock.TokenAsync();
        var bodies = new List<string>();
        foreach (var rule in new[] { """{"status": 503, "retryAfter": 1, "count": 1}""", """{"status": 500, "count": 1}""", """{"expire": true, "count": 1}""", """{"slowBodyMs": 50, "count": 1}""" })
        {
            using (await AddAsync(mock, rule))
            using (var response = await mock.RefreshAsync($"JWT {token}"))
            {
                bodies.Add(await response.Content.ReadAsStringAsync());
            }
        }

        using (await AddAsync(mock, """{"reset": true, "count": 1}"""))
        {
            Assert.ThrowsAsync<HttpRequestException>(() => mock.RefreshAsync($"JWT {token}"));
        }

        using var impatient = new HttpClient { BaseAddress = new Uri(mock.Host.BaseUrl), Timeout = TimeSpan.FromMilliseconds(100) };
        using (await AddAsync(mock, """{"delayMs": 1000, "count": 1}"""))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt") { Headers = { { "Authorization", $"JWT {token}" } } };
            Assert.ThrowsAsync<TaskCanceledException>(() => impatient.SendAsync(request), "the client gave up during the delay");
        }

        using var after = await mock.GetUserAsync("1", MockUnderTest.Basic(TestUsers.Admin).ToString());
        var lines = log.ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the mock serves on after an abandoned delay and a reset");
            Assert.That(bodies.Concat(lines), Has.None.Contains("Exception").And.None.Contains("   at ").And.None.Contains(token.Split('.')[2][..12]).And.None.Contains(token.Split('.')[1][..12]));
            Assert.That(lines.Count(l => l.Contains(" fault ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(5), "each faulted request is logged with its fault (the abandoned delay only if its connection outlived it)");
        });
    }

    private static Task<HttpResponseMessage> AddAsync(MockUnderTest mock, string json) =>
        mock.Http.PostAsync("/__mock/faults", MockUnderTest.JsonBody(json));

    private static async Task<JsonElement> GetJsonAsync(MockUnderTest mock, string path)
    {
        using var response = await mock.Http.GetAsync(path);
        return await response.JsonAsync();
    }
}
