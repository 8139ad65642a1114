using WireMock.Server;

namespace RefreshJwt.MockServer;

/// <summary>
/// A running mock cluster on WireMock.Net. The standalone executable and the in-process tests both start it here.
/// </summary>
public sealed partial class MockServerHost : IDisposable
{
    private readonly WireMockServer _server;
    private readonly ClusterApi _api;
    private readonly AdminApi _admin;
    private readonly Action<string>? _log;
    private readonly int _maxBodyBytes;

    private MockServerHost(MockServerOptions options, MockProfile profile, MockClock clock, UserDirectory users, TokenService tokens, RequestJournal journal)
    {
        _log = options.Log;
        _maxBodyBytes = options.MaxRequestBodyBytes;
        Profile = profile;
        Clock = clock;
        Users = users;
        Journal = journal;
        _api = new ClusterApi(profile, users, tokens);
        _admin = new AdminApi(clock, journal, users, profile);
        _server = StartServer(options, clock, Guard);
        BaseUrl = $"{new Uri(_server.Urls[0]).Scheme}://{ClientHost(options.Host)}:{_server.Ports[0]}";
        Map();
    }

    /// <summary>The URL clients use, for example <c>https://127.0.0.1:9443</c>.</summary>
    public string BaseUrl { get; }

    public MockProfile Profile { get; }

    public MockClock Clock { get; }

    public UserDirectory Users { get; }

    public RequestJournal Journal { get; }

    /// <summary>Starts the mock; throws <see cref="MockConfigurationException"/> for settings or files it cannot use.</summary>
    public static MockServerHost Start(MockServerOptions options)
    {
        CheckLimits(options);
        var fixtures = options.FixturesDirectory ?? Fixtures.Locate();
        var profile = MockProfile.Load(Fixtures.ProfilePath(fixtures, options.Profile));
        profile = options.AdjustProfile?.Invoke(profile) ?? profile;
        var users = UserDirectory.Load(options.UsersPath ?? Fixtures.UsersPath(fixtures));
        var key = SigningKey(options.SigningKey, profile);
        var clock = new MockClock(options.ClockOffset, options.FrozenAt);
        var tokens = new TokenService(key, profile, clock, users);

        // While WireMock.Net starts (it looks for its host every 100 ms), a token is issued and checked once on the side,
        // so the first request finds that code compiled. It changes nothing: no token is retired, nothing is journaled.
        _ = Task.Run(() => WarmUp(tokens, users));
        var journal = new RequestJournal(options.JournalCapacity);
        return new MockServerHost(options, profile, clock, users, tokens, journal);
    }

    public void Dispose() => _server.Stop();

    private static async Task WarmUp(TokenService tokens, UserDirectory users)
    {
        try
        {
            var token = tokens.Issue(users.All.First(), ClusterApi.DefaultTtl);
            await tokens.CheckAsync(token);
            _ = ApiResponse.Json(200, new { access_token = token });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: the first request compiles whatever this did not.
        }
    }
}
