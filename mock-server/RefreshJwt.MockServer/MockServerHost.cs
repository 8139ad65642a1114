using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace RefreshJwt.MockServer;

/// <summary>
/// A running mock cluster on WireMock.Net. The standalone executable and the in-process tests both start it here.
/// </summary>
public sealed class MockServerHost : IDisposable
{
    private const string AuthorizePath = "/v1/users/authorize";
    private const string RefreshJwtPath = "/v1/users/refresh_jwt";
    private const string UserPathPattern = "^/v1/users/[^/]+$";

    private readonly WireMockServer _server;
    private readonly ClusterApi _api;
    private readonly AdminApi _admin;
    private readonly Action<string>? _log;

    private MockServerHost(WireMockServer server, string host, MockProfile profile, MockClock clock, UserDirectory users, TokenService tokens, RequestJournal journal, Action<string>? log)
    {
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
        var server = StartServer(options, clock);
        return new MockServerHost(server, options.Host, profile, clock, users, tokens, journal, options.Log);
    }

    public void Dispose() => _server.Stop();

    private static byte[] SigningKey(string? text, MockProfile profile)
    {
        if (text is null)
        {
            return TokenService.RandomKey();
        }

        // An HMAC key must be at least as long as the hash it feeds (RFC 7518 §3.2).
        var key = Encoding.UTF8.GetBytes(text);
        var needed = profile.Algorithms.Max(a => int.Parse(a[2..], CultureInfo.InvariantCulture)) / 8;
        return key.Length >= needed
            ? key
            : throw new MockConfigurationException($"the signing key must be at least {needed} bytes for {string.Join(", ", profile.Algorithms)}");
    }

    private static WireMockServer StartServer(MockServerOptions options, MockClock clock)
    {
        if ((options.CertificatePath is null) != (options.KeyPath is null))
        {
            throw new MockConfigurationException("a certificate and its key go together: give both or neither");
        }

        X509Certificate2? certificate = null;
        if (options.UseHttps)
        {
            certificate = options.CertificatePath is null || options.KeyPath is null
                ? SelfSignedCertificate.Create(options.Host)
                : SelfSignedCertificate.Load(options.CertificatePath, options.KeyPath);
        }

        var settings = new WireMockServerSettings
        {
            Urls = [$"{(options.UseHttps ? "https" : "http")}://{options.Host}:{options.Port}"],
            CertificateSettings = certificate is null ? null : new WireMockCertificateSettings { X509Certificate = certificate },
            StartAdminInterface = false,

            // WireMock.Net's own log keeps every request (about 4 KB each) or re-sorts on every request when capped;
            // the bounded RequestJournal replaces it (see mock-server/BENCHMARKS.md).
            MaxRequestLogCount = 0,
            Logger = new WireMockNullLogger(),

            // The handlers parse bodies themselves, strictly, so a malformed body is answered, not guessed at.
            DisableJsonBodyParsing = true,
            DisableRequestBodyDecompressing = true,

            // A cluster's Date header and the iat of its tokens come from one clock: so do the mock's, even when moved.
            PreWireMockMiddlewareInit = DateFrom(clock),
        };

        EnsurePortIsFree(options);
        try
        {
            return WireMockServer.Start(settings);
        }
        catch (Exception e) when (e is WireMock.Exceptions.WireMockException or IOException or InvalidOperationException or System.Net.Sockets.SocketException || e.InnerException is IOException)
        {
            // WireMock wraps a failed bind (port in use) in WireMockException > AggregateException > IOException > SocketException.
            throw new MockConfigurationException($"cannot listen on {options.Host}:{options.Port}: {e.GetBaseException().Message.Split('\n')[0].Trim()}");
        }
    }

    /// <summary>
    /// WireMock.Net middleware that sends <paramref name="clock"/>'s time as the Date header (WireMock would send the
    /// system's); for <see cref="WireMockServerSettings.PreWireMockMiddlewareInit"/>.
    /// </summary>
    public static Action<object> DateFrom(TimeProvider clock) => app => ((IApplicationBuilder)app).Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Date = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>A taken port fails here at once; WireMock.Net would wait out its start timeout first.</summary>
    private static void EnsurePortIsFree(MockServerOptions options)
    {
        if (options.Port == 0 || !System.Net.IPAddress.TryParse(options.Host.Trim('[', ']'), out var address))
        {
            return;
        }

        var probe = new System.Net.Sockets.TcpListener(address, options.Port);
        try
        {
            probe.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new MockConfigurationException($"cannot listen on {options.Host}:{options.Port}: {e.Message}");
        }
        finally
        {
            probe.Stop();
        }
    }

    /// <summary>The address a client dials: a wildcard bind is reached on loopback.</summary>
    private static string ClientHost(string host) => host switch
    {
        "0.0.0.0" or "*" or "+" => "127.0.0.1",
        "::" or "[::]" => "[::1]",
        _ when System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{host.Trim('[', ']')}]",
        _ => host,
    };

    private void Map()
    {
        // Priorities: lowest number wins among matching mappings.
        Route(1, Request.Create().WithPath(AuthorizePath).UsingPost(), r => Task.FromResult(_api.Authorize(r)));
        Route(1, Request.Create().WithPath(RefreshJwtPath).UsingPost(), _api.RefreshJwtAsync);
        Route(2, Request.Create().WithPath(AuthorizePath, RefreshJwtPath).UsingAnyMethod(), r => Task.FromResult(_api.MethodNotAllowed(r, "POST")));
        Route(3, Request.Create().WithPath(new RegexMatcher(UserPathPattern)).UsingGet(), r => _api.GetUserAsync(r, r.Path.Split('/')[^1]));
        Route(4, Request.Create().WithPath(new RegexMatcher(UserPathPattern)).UsingAnyMethod(), r => Task.FromResult(_api.MethodNotAllowed(r, "GET")));

        var admin = AdminApi.Prefix;
        Admin(Request.Create().WithPath(admin).UsingGet(), _ => _admin.Index());
        Admin(Request.Create().WithPath($"{admin}/clock").UsingGet(), _ => _admin.Clock());
        Admin(Request.Create().WithPath($"{admin}/clock/advance").UsingPost(), _admin.Advance);
        Admin(Request.Create().WithPath($"{admin}/journal").UsingGet(), _ => _admin.Journal());
        Admin(Request.Create().WithPath($"{admin}/journal").UsingDelete(), _ => _admin.ClearJournal());
        Admin(Request.Create().WithPath($"{admin}/users").UsingGet(), _ => _admin.Users());
        Admin(Request.Create().WithPath(new RegexMatcher($"^{admin}/users/[^/]+/status$")).UsingPut(), r => _admin.SetStatus(r, r.Path.Split('/')[^2]));

        Route(100, Request.Create().UsingAnyMethod(), r => Task.FromResult(_api.NotFound(r)));
    }

    /// <summary>A cluster API route: answered by a handler, journaled, logged.</summary>
    private void Route(int priority, IRequestBuilder request, Func<ApiRequest, Task<ApiOutcome>> handle) =>
        _server.Given(request).AtPriority(priority).RespondWith(Response.Create().WithCallback(async message =>
        {
            var apiRequest = ToApiRequest(message);
            var outcome = await handle(apiRequest);
            var entry = Journal.Append(
                Clock.GetUtcNow(), apiRequest.Method, apiRequest.Path, outcome.Response.Status, outcome.User, outcome.Refusal, outcome.Presented, outcome.Issued);
            _log?.Invoke(Describe(entry));
            return ToResponseMessage(outcome.Response);
        }));

    private void Admin(IRequestBuilder request, Func<ApiRequest, ApiResponse> handle) =>
        _server.Given(request).AtPriority(1).RespondWith(Response.Create().WithCallback(message => ToResponseMessage(handle(ToApiRequest(message)))));

    private static string Describe(JournalEntry entry)
    {
        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{entry.Time:yyyy-MM-ddTHH:mm:ssZ} {entry.Method} {entry.Path} {entry.Status}"));
        if (entry.User is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" user={entry.User}");
        }

        if (entry.Refusal is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" refused {entry.Refusal}");
        }

        if (entry.PresentedToken is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" presented [{entry.PresentedToken.Brief()}]");
        }

        if (entry.IssuedToken is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" issued [{entry.IssuedToken.Brief()}]");
        }

        // Claims and refusal details quote what the client sent: a control character there must not start a new log line.
        return string.Concat(line.ToString().Select(c => char.IsControl(c) ? '?' : c));
    }

    private static ApiRequest ToApiRequest(IRequestMessage message)
    {
        var headers = (message.Headers ?? new Dictionary<string, WireMockList<string>>())
            .ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        var body = message.BodyData?.BodyAsString
            ?? (message.BodyData?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        return new ApiRequest(message.Method, message.Path, headers, body);
    }

    private static ResponseMessage ToResponseMessage(ApiResponse response) => new()
    {
        StatusCode = response.Status,
        Headers = response.Headers.ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value)),
        BodyData = response.Body is null
            ? null
            : new BodyData { BodyAsString = response.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
    };
}
