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

    private MockServerHost(MockServerOptions options, WireMockServer server, MockClock clock, RequestJournal journal, Loaded loaded)
    {
        _server = server;
        _log = options.Log;
        _maxBodyBytes = options.MaxRequestBodyBytes;
        Profile = loaded.Profile;
        Clock = clock;
        Users = loaded.Users;
        Journal = journal;
        var lockout = new LoginLockout(loaded.Profile, loaded.Users, clock);
        _api = new ClusterApi(loaded.Profile, loaded.Users, loaded.Tokens, lockout);
        _admin = new AdminApi(clock, journal, loaded.Users, loaded.Profile, lockout);
        ClientReport = new ClientReport(loaded.Profile);
        Faults = new FaultInjector(clock, journal, loaded.Profile.LeewaySeconds, _api.Error, Answered(_log, ClientReport));
        foreach (var rule in options.Faults)
        {
            Faults.Add(rule);
        }

        BaseUrl = $"{new Uri(server.Urls[0]).Scheme}://{ClientHost(options.Host)}:{server.Ports[0]}";
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
        foreach (var rule in options.Faults)
        {
            rule.Validate();
        }

        var clock = new MockClock(options.ClockOffset, options.FrozenAt);
        var journal = new RequestJournal(options.JournalCapacity);

        // The files load and the token code is warmed while WireMock.Net starts (mock-server/BENCHMARKS.md, start-up);
        // a request that arrives before both are done waits for them in the guard. WireMock.Net's plugin search runs
        // beside them, so that the first request does not make it.
        var loading = Task.Run(() => Load(options, clock));
        _ = Task.Run(SearchWireMockPlugins);
        var ready = new TaskCompletionSource<MockServerHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        WireMockServer? server = null;
        Exception? serverProblem = null;
        try
        {
            server = StartServer(options, clock, (context, next) => ready.Task.IsCompletedSuccessfully
                ? ready.Task.Result.Guard(context, next)
                : ready.Task.ContinueWith(host => host.Result.Guard(context, next), TaskScheduler.Default).Unwrap());
        }
        catch (Exception e)
        {
            serverProblem = e;
        }

        Loaded loaded;
        try
        {
            // A problem with the files is reported before one with the port or certificate, as it always was.
            loaded = loading.GetAwaiter().GetResult();
        }
        catch
        {
            server?.Stop();
            ready.TrySetCanceled();
            throw;
        }

        if (serverProblem is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(serverProblem);
        }

        MockServerHost host;
        try
        {
            host = new MockServerHost(options, server!, clock, journal, loaded);
        }
        catch
        {
            // Requests already waiting in the guard are let go (cancelled), and the server does not outlive the failure.
            server!.Stop();
            ready.TrySetCanceled();
            throw;
        }

        ready.SetResult(host);
        return host;
    }

    public void Dispose() => _server.Stop();

    private static Loaded Load(MockServerOptions options, MockClock clock)
    {
        var fixtures = options.FixturesDirectory ?? Fixtures.Locate();
        var profile = MockProfile.Load(Fixtures.ProfilePath(fixtures, options.Profile));
        profile = options.AdjustProfile?.Invoke(profile) ?? profile;
        var users = UserDirectory.Load(options.UsersPath ?? Fixtures.UsersPath(fixtures), clock);

        // The profile's clock offset (a cluster's, observed) adds to --clock-offset, and a reset goes back to both.
        clock.Restart(clock.StartOffset + TimeSpan.FromSeconds(profile.ClockOffsetSeconds));
        var tokens = new TokenService(SigningKey(options.SigningKey, profile), profile, clock, users);

        // A token issued and checked once, so the first request finds that code compiled. It changes nothing: no token
        // is retired, nothing is journaled.
        var token = tokens.Issue(users.All.First(), ClusterApi.DefaultTtl);
        _ = tokens.CheckAsync(token, exchanging: false).GetAwaiter().GetResult();
        _ = ApiResponse.Json(200, new { access_token = token });
        return new Loaded(profile, users, tokens);
    }

    private sealed record Loaded(MockProfile Profile, UserDirectory Users, TokenService Tokens);
}
