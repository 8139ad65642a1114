using System.Security.Cryptography;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The server under test for one run: the embedded mock (started here, in process) or a cluster at a URL; the
/// HTTP context every case shares; the credentials, the authorize style that works, the target's abilities, and the
/// invariants every request is held to. One per run: the runner hands it to each case (it is no global).
/// </summary>
public sealed partial class TargetSession : IAsyncDisposable
{
    private readonly MockServerHost? _embedded;

    private Task<LeewayMeasurement>? _leeway;

    private TargetSession(RunSettings settings, TextWriter progress, HttpTransport http, MockServerHost? embedded, Credentials admin, Credentials? expiredUser, byte[]? signingKey, Redactor? redactor)
    {
        Settings = settings;
        Progress = progress;
        Http = http;
        _embedded = embedded;
        Admin = admin;
        ExpiredUser = expiredUser;
        SigningKey = signingKey;
        Redactor = redactor ?? new Redactor([]);
        // The target's signing key (RS_SIGNING_KEY, or the embedded mock's) is masked like a password; each user's
        // credentials in every form they travel in (free text such as an exception's call log may quote a header).
        Redactor.RememberPasswords([signingKey is null ? null : System.Text.Encoding.UTF8.GetString(signingKey)]);
        foreach (var user in new[] { admin, expiredUser }.OfType<Credentials>())
        {
            Redactor.RememberSent(user);
        }
    }

    public RunSettings Settings { get; }

    /// <summary>Where a case says what it is waiting for, so that a long wait is never silent.</summary>
    public TextWriter Progress { get; }

    /// <summary>The rules every request of the run is held to, whatever case sends it.</summary>
    public RunInvariants Invariants { get; } = new();

    public HttpTransport Http { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>What the run is against, for reports: <c>embedded mock (rs-7.8)</c> or the target URL.</summary>
    public string Description => _embedded is null ? BaseUrl : $"embedded mock ({_embedded.Profile.Name})";

    public Credentials Admin { get; }

    /// <summary>A user whose password has expired, when the target has one the suite knows of.</summary>
    public Credentials? ExpiredUser { get; }

    public AuthorizeStyle AuthorizeStyle { get; private set; }

    /// <summary>The first authorize's response and this machine's time when it came: the target's clock before any case moved it.</summary>
    public (Reply Reply, DateTimeOffset LocalTime)? FirstAuthorize { get; private set; }

    /// <summary>The mock's admin controls: always for the embedded mock, for a <c>--target</c> only with <c>--mock-control</c>.</summary>
    public MockControl? Mock { get; private set; }

    /// <summary>The target's signing key, known only for the embedded mock: it lets the suite sign odd claims validly.</summary>
    public byte[]? SigningKey { get; }

    public Redactor Redactor { get; }

    /// <summary>Every case's record, in the order the cases ran.</summary>
    public List<CaseRecord> Records { get; } = [];

    public ClusterClient Api => new(this);

    /// <summary>
    /// How long past <c>exp</c> the target still accepts a token, measured once per run by whichever expiry case asks
    /// first (its requests are that case's evidence); the others read the same measurement.
    /// </summary>
    public Task<LeewayMeasurement> LeewayAsync(Func<Task<LeewayMeasurement>> measure)
    {
        lock (Records)
        {
            return _leeway ??= measure();
        }
    }

    /// <summary>The measurement, once some case has made it; null when no expiry case ran.</summary>
    public LeewayMeasurement? Leeway => _leeway is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <summary>The first exception that was no case's verdict, and the case it broke: the run stops there.</summary>
    public (string CaseId, Exception Error)? Stopped { get; private set; }

    public void Stop(string caseId, Exception error)
    {
        lock (Records)
        {
            Stopped ??= (caseId, error);
        }
    }

    private readonly System.Diagnostics.Stopwatch _sinceLastLine = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>How long the console has been silent: waits say something before this grows past a few seconds.</summary>
    public TimeSpan SinceLastLine => _sinceLastLine.Elapsed;

    /// <summary>Notes that a line was just written (a case's verdict).</summary>
    public void Said() => _sinceLastLine.Restart();

    /// <summary>Writes a progress line now (waits show one at least every few seconds).</summary>
    public void Say(string line)
    {
        lock (Progress)
        {
            Progress.WriteLine($"      … {line}");
            Progress.Flush();
        }

        Said();
    }

    /// <summary>
    /// Starts or reaches the target and checks the credentials; throws <see cref="TargetUnavailableException"/>.
    /// <paramref name="redactor"/>, when given, learns the run's secrets, so the caller's error messages are redacted too.
    /// </summary>
    public static async Task<TargetSession> OpenAsync(RunSettings settings, TextWriter progress, Redactor? redactor = null)
    {
        MockServerHost? embedded = null;
        string? key = null;
        Credentials admin;
        Credentials? expired = null;
        if (settings.IsEmbeddedMock)
        {
            key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            try
            {
                embedded = MockServerHost.Start(new MockServerOptions { Port = 0, Profile = settings.MockProfile, SigningKey = key });
            }
            catch (MockConfigurationException e)
            {
                throw new TargetUnavailableException($"cannot start the embedded mock: {e.Message}");
            }

            var users = embedded.Users.All;
            admin = users.Where(u => u is { Role: "admin", Status: UserStatus.Active }).Select(u => new Credentials(u.Email, u.Password!)).First();
            expired = users.Where(u => u.Status == UserStatus.PasswordExpired).Select(u => new Credentials(u.Email, u.Password!)).FirstOrDefault();
        }
        else
        {
            admin = new Credentials(settings.Username!, settings.Password!);
            if (settings is { ExpiredUsername: { } name, ExpiredPassword: { } password })
            {
                expired = new Credentials(name, password);
            }
        }

        var baseUrl = embedded?.BaseUrl ?? settings.Target!.ToString().TrimEnd('/');
        var http = new HttpTransport(baseUrl, settings.Timeout, settings.Insecure || embedded is not null, settings.CaCertificate);
        var session = new TargetSession(settings, progress, http, embedded, admin, expired, key is null ? settings.SigningKey : System.Text.Encoding.UTF8.GetBytes(key), redactor)
        {
            BaseUrl = baseUrl,
        };
        try
        {
            session.AuthorizeStyle = await session.ProbeAuthorizeAsync();

            // The admin API of a --target is used only when asked: its clock and users are someone else's.
            if (embedded is not null || settings.MockControl)
            {
                session.Mock = await MockControl.ProbeAsync(http)
                    ?? throw new TargetUnavailableException($"--mock-control: {baseUrl}/__mock/clock answers no mock admin API (drop --mock-control for a real cluster)");
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The redacted, normalized record of one exchange.</summary>
    public Exchange Evidence(string label, string method, string path, string? authorization, string? body, Reply reply) => new(
        label,
        method,
        path,
        authorization is null ? null : Redactor.RedactAuthorization(authorization),
        authorization is null ? null : Redactor.SchemeOf(authorization),
        body is null ? null : Redactor.Redact(body),
        reply.Status,
        reply.ContentType,
        Kept(Redactor.Redact(reply.Body)),
        Normalizer.Normalize(reply),
        Redactor.Redact(reply.TransportError));

    /// <summary>Puts back what the run changed on the target through the admin API (clock, user statuses).</summary>
    public Task RestoreAsync() => Mock?.RestoreAsync() ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RestoreAsync();
        }
        finally
        {
            Http.Dispose();
            _embedded?.Dispose();
        }
    }
}
