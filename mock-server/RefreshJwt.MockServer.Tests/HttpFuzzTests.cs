using System.Text;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// Thousands of generated tokens and Authorization headers over HTTP against one in-process mock, from fixed seeds:
/// none accepted, none answered with a 5xx.
/// </summary>
public sealed class HttpFuzzTests
{
    private const int Parallelism = 8;

    private MockUnderTest _mock = null!;
    private HttpClient _http = null!;
    private string _valid = null!;

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _mock = MockUnderTest.Start();
        _valid = await _mock.TokenAsync(ttl: 86400);

        // Latin-1 lets header values carry bytes above 0x7F, which HttpClient refuses by default.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1, MaxConnectionsPerServer = Parallelism };
        _http = new HttpClient(handler) { BaseAddress = new Uri(_mock.Host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public void StopMock()
    {
        _http.Dispose();
        _mock.Dispose();
    }

    [Test]
    public async Task Valid_token_the_mutations_start_from_is_accepted() =>
        Assert.That(await StatusAsync(HttpMethod.Post, "/v1/users/refresh_jwt", $"JWT {_valid}"), Is.EqualTo(200));

    [Test]
    public async Task No_generated_token_is_accepted_by_refresh_jwt_or_get_user() =>
        await Deterministic.ForAllAsync(Generators.MalformedToken(_valid, _mock.Now), seed: 20261126, count: 3000, Parallelism, async token =>
        {
            var refresh = await StatusAsync(HttpMethod.Post, "/v1/users/refresh_jwt", $"JWT {token}");
            var user = await StatusAsync(HttpMethod.Get, "/v1/users/1", $"JWT {token}");
            return Refused(refresh) && Refused(user) ? null : $"refresh_jwt answered {refresh}, GET /v1/users/1 answered {user}";
        });

    [Test]
    public async Task No_generated_authorization_header_is_accepted_by_any_endpoint() =>
        await Deterministic.ForAllAsync(Generators.AuthorizationHeader(_valid), seed: 42, count: 2000, Parallelism, async header =>
        {
            var refresh = await StatusAsync(HttpMethod.Post, "/v1/users/refresh_jwt", header);
            var user = await StatusAsync(HttpMethod.Get, "/v1/users/1", header);
            var authorize = await StatusAsync(HttpMethod.Post, "/v1/users/authorize", header);
            return Refused(refresh) && Refused(user) && Refused(authorize)
                ? null
                : $"refresh_jwt {refresh}, GET /v1/users/1 {user}, authorize {authorize}";
        });

    /// <summary>Refused means a 4xx: never a success, never a server error (0 would be a dropped connection).</summary>
    private static bool Refused(int status) => status is >= 400 and < 500;

    private async Task<int> StatusAsync(HttpMethod method, string path, string authorization)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await _http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
