using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace RefreshJwt.MockServer;

/// <summary>Starting the WireMock.Net server: key, certificate, port, settings.</summary>
public sealed partial class MockServerHost
{
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

    private static WireMockServer StartServer(MockServerOptions options, MockClock clock, FaultInjector faults)
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
            // A plain http:// request on the HTTPS port gets an empty reply; the log says why.
            AdditionalServiceRegistration = options.UseHttps ? PlainHttpHint.Register(options.Log) : null,

            // Faults come after it, so a faulted answer carries that Date too.
            PreWireMockMiddlewareInit = app =>
            {
                DateFrom(clock)(app);
                faults.Use((IApplicationBuilder)app);
            },
        };

        EnsurePortIsFree(options);
        try
        {
            return WireMockServer.Start(settings);
        }
        catch (Exception e) when (e is WireMock.Exceptions.WireMockException or IOException or InvalidOperationException or System.Net.Sockets.SocketException || e.InnerException is IOException)
        {
            // WireMock wraps a failed bind (port in use) in WireMockException > AggregateException > IOException > SocketException.
            throw new MockConfigurationException($"cannot listen on {options.Host}:{options.Port}: {e.GetBaseException().Message.Split('\n')[0].Trim()}{PortHint(options)}");
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
            throw new MockConfigurationException($"cannot listen on {options.Host}:{options.Port}: {e.Message}{PortHint(options)}");
        }
        finally
        {
            probe.Stop();
        }
    }

    private static string PortHint(MockServerOptions options) => options.Port == 0 ? "" : "; choose another --port, or --port 0 for any free port (the first line printed is the URL)";

    /// <summary>The address a client dials: a wildcard bind is reached on loopback.</summary>
    private static string ClientHost(string host) => host switch
    {
        "0.0.0.0" or "*" or "+" => "127.0.0.1",
        "::" or "[::]" => "[::1]",
        _ when System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{host.Trim('[', ']')}]",
        _ => host,
    };
}
