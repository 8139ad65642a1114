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

    private MockServerHost(WireMockServer server, string host, MockProfile profile, MockClock clock, UserDirectory users, TokenService tokens, RequestJournal journal, Action<string>? log, FaultInjector faults, ClientReport report)
    {
        Faults = faults;
        ClientReport = report;
        _server = server;
        _log = log;
        Profile = profile;
        Clock = clock;
        Users = users;
        Journal = journal;
        _api = new ClusterApi(profile, users, tokens);
        _admin = new AdminApi(clock, journal, users, profile);
        BaseUrl = $"{new Uri(server.Urls[0]).Scheme}://{ClientHost(host)}:{server.Ports[0]}";
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
        var fixtures = options.FixturesDirectory ?? Fixtures.Locate();
        var profile = MockProfile.Load(Fixtures.ProfilePath(fixtures, options.Profile));
        profile = options.AdjustProfile?.Invoke(profile) ?? profile;
        var users = UserDirectory.Load(options.UsersPath ?? Fixtures.UsersPath(fixtures));
        var key = SigningKey(options.SigningKey, profile);
        var clock = new MockClock(options.ClockOffset, options.FrozenAt);
        var tokens = new TokenService(key, profile, clock, users);
        var journal = new RequestJournal(options.JournalCapacity);
        var report = new ClientReport(profile);
        var faults = new FaultInjector(clock, journal, profile.LeewaySeconds, (status, code, text) => ClusterApi.Error(profile, status, code, text), Answered(options.Log, report));
        foreach (var rule in options.Faults)
        {
            faults.Add(rule);
        }

        var server = StartServer(options, clock, faults);
        return new MockServerHost(server, options.Host, profile, clock, users, tokens, journal, options.Log, faults, report);
    }

    public void Dispose() => _server.Stop();
}
