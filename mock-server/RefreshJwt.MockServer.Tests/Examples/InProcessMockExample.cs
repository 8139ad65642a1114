using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RefreshJwt.MockServer;

namespace MyCompany.ClusterClient.Tests;

/// <summary>A client's own tests against the mock in process: one mock per fixture, faults and report reset per test.</summary>
[TestFixture]
public sealed class InProcessMockExample
{
    private MockServerHost _mock = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void StartMock()
    {
        _mock = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false });
        _http = new HttpClient { BaseAddress = new Uri(_mock.BaseUrl) };
    }

    [OneTimeTearDown]
    public void StopMock()
    {
        _http.Dispose();
        _mock.Dispose();
    }

    [SetUp]
    public void Reset()
    {
        _mock.Faults.Clear();
        _mock.ClientReport.Clear();
    }

    [Test]
    public async Task Refreshes_a_token_late_in_its_life()
    {
        var token = await LoginAsync();
        _mock.Clock.Advance(TimeSpan.FromSeconds(240));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("JWT", token) },
            Content = new StringContent("""{"ttl": 600}""", Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_mock.ClientReport.Read().Verdict, Is.EqualTo("pass"), _mock.ClientReport.Read().Line);
    }

    [Test]
    public async Task Waits_out_Retry_After_when_the_cluster_is_failing_over()
    {
        _mock.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Authorize, Status = 503, RetryAfter = 1, Count = 1 });

        var token = await LoginAsync();

        Assert.That(token, Is.Not.Empty);
        Assert.That(_mock.ClientReport.Read().Checks.Single(c => c.Id == "C07").Verdict, Is.EqualTo("passed"));
    }

    /// <summary>The client code under test: log in with Basic credentials, honouring Retry-After once.</summary>
    private async Task<string> LoginAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin@example.com:Passw0rd!")));
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt == 1)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("access_token").GetString()!;
        }
    }
}
