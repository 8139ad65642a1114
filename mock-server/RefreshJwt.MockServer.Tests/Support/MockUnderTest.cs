using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// An in-process mock on a free port, plain HTTP, with a fixed signing key and a frozen clock, plus one HttpClient
/// pointed at it. Each fixture (or each test that changes the mock's state) starts its own.
/// </summary>
internal sealed class MockUnderTest : IDisposable
{
    /// <summary>Long enough for every HMAC algorithm a profile may allow (HS512 needs 64 bytes).</summary>
    public const string SigningKey = "refresh-jwt mock tests: a fixed HMAC key, long enough for HS512 too";

    public static readonly byte[] Key = Encoding.UTF8.GetBytes(SigningKey);

    public static readonly DateTimeOffset FrozenAt = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    private MockUnderTest(MockServerHost host, bool shippedProfile)
    {
        Host = host;
        // A shipped profile's every answer must be one docs/openapi.yaml describes; an adjusted one may differ on purpose.
        Contract = new ContractCheckingHandler(shippedProfile);
        Http = new HttpClient(Contract) { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public MockServerHost Host { get; }

    public HttpClient Http { get; }

    /// <summary>What checks <see cref="Http"/>'s answers against docs/openapi.yaml.</summary>
    public ContractCheckingHandler Contract { get; }

    /// <summary>The mock's clock in Unix seconds: the <c>iat</c> of a token issued now.</summary>
    public long Now => Host.Clock.UnixSeconds;

    public static MockUnderTest Start(
        string profile = Fixtures.DefaultProfile, Func<MockProfile, MockProfile>? adjust = null, int journalCapacity = 1000, Action<string>? log = null,
        int maxBodyBytes = 64 * 1024) =>
        new(MockServerHost.Start(new MockServerOptions
        {
            Port = 0,
            UseHttps = false,
            Profile = profile,
            AdjustProfile = adjust,
            SigningKey = SigningKey,
            FrozenAt = FrozenAt,
            JournalCapacity = journalCapacity,
            Log = log,
            MaxRequestBodyBytes = maxBodyBytes,
        }), adjust is null && !profile.Contains('/') && !profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase));

    /// <summary>POST /v1/users/authorize with the credentials where the profile reads them; <paramref name="ttl"/> is raw JSON.</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(Credentials user, string? ttl = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize");
        var ttlMember = ttl is null ? "" : $"\"ttl\": {ttl}";
        if (Host.Profile.AuthorizeCredentials.Contains(CredentialSource.Body))
        {
            var credentials = $"\"username\": {JsonSerializer.Serialize(user.Email)}, \"password\": {JsonSerializer.Serialize(user.Password)}";
            request.Content = JsonBody($"{{{credentials}{(ttl is null ? "" : ", " + ttlMember)}}}");
        }
        else
        {
            request.Headers.Authorization = Basic(user);
            request.Content = ttl is null ? null : JsonBody($"{{{ttlMember}}}");
        }

        return Http.SendAsync(request);
    }

    /// <summary>A token for <paramref name="user"/> (the admin by default), issued by the mock itself.</summary>
    public async Task<string> TokenAsync(int? ttl = null, Credentials? user = null)
    {
        using var response = await AuthorizeAsync(user ?? TestUsers.Admin, ttl?.ToString(CultureInfo.InvariantCulture));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "authorize failed, so the test cannot start");
        return (await response.JsonAsync()).GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> RefreshAsync(string? authorization, string? body = null) =>
        SendAsync(HttpMethod.Post, "/v1/users/refresh_jwt", authorization, body);

    public Task<HttpResponseMessage> GetUserAsync(string uid, string? authorization) =>
        SendAsync(HttpMethod.Get, $"/v1/users/{uid}", authorization);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? authorization = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        request.Content = body is null ? null : JsonBody(body);
        return Http.SendAsync(request);
    }

    public async Task<JsonElement> JournalAsync()
    {
        using var response = await Http.GetAsync("/__mock/journal");
        return await response.JsonAsync();
    }

    /// <summary>The journal's newest entry: what the mock made of the last cluster API request.</summary>
    public async Task<JsonElement> LastEntryAsync() => (await JournalAsync()).GetProperty("entries").EnumerateArray().Last();

    public async Task AdvanceAsync(double seconds)
    {
        using var response = await Http.PostAsync("/__mock/clock/advance", JsonBody(string.Create(CultureInfo.InvariantCulture, $"{{\"seconds\": {seconds}}}")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the clock did not advance");
    }

    public async Task SetStatusAsync(string uid, string status)
    {
        using var response = await Http.PutAsync($"/__mock/users/{uid}/status", JsonBody($"{{\"status\": \"{status}\"}}"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the user's status did not change");
    }

    public static AuthenticationHeaderValue Basic(Credentials user) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Email}:{user.Password}")));

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public void Dispose()
    {
        Http.Dispose();
        Host.Dispose();
    }
}
