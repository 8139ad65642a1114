using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
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

    private static void CheckLimits(MockServerOptions options)
    {
        if (options.JournalCapacity is < 1 or > MockServerOptions.MaxJournalCapacity)
        {
            throw new MockConfigurationException($"the journal size must be from 1 to {MockServerOptions.MaxJournalCapacity}, not {options.JournalCapacity}");
        }

        if (options.MaxRequestBodyBytes is < 1 or > MockServerOptions.MaxBodyLimit)
        {
            throw new MockConfigurationException($"the body size limit must be from 1 to {MockServerOptions.MaxBodyLimit} bytes, not {options.MaxRequestBodyBytes}");
        }
    }

    private static WireMockServer StartServer(MockServerOptions options, MockClock clock, Func<HttpContext, RequestDelegate, Task> guard)
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
            // Then the guard: bodies capped, malformed HTTP answered in the mock's error shape (MockServerHost.Guard.cs).
            PreWireMockMiddlewareInit = app =>
            {
                DateFrom(clock)(app);
                ((IApplicationBuilder)app).Use(guard);
            },

            // WireMock.Net lifts Kestrel's limits (unlimited body, unlimited buffer); put back bounded ones.
            // A plain http:// request on the HTTPS port gets an empty reply; the log says why (PlainHttpHint).
            AdditionalServiceRegistration = services =>
            {
                services.PostConfigure<KestrelServerOptions>(kestrel =>
                {
                    kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
                    kestrel.Limits.MaxRequestBufferSize = 1024 * 1024;
                    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
                });
                if (options.UseHttps)
                {
                    PlainHttpHint.Register(options.Log)(services);
                }
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

    /// <summary>
    /// WireMock.Net reads its first request only after searching for an optional MIME plugin: it loads every DLL beside
    /// it and lists their types (60–80 ms of CPU here), then remembers that none is installed. Building a multipart
    /// matcher makes the same search and fails the same way; done at start, beside the server's own start, it leaves
    /// the first request nothing to search (mock-server/BENCHMARKS.md, start-up).
    /// </summary>
    private static void SearchWireMockPlugins()
    {
        try
        {
            _ = new WireMock.Matchers.Request.RequestMessageMultiPartMatcher();
        }
        catch (InvalidOperationException)
        {
            // "MimeKit is required": the search is done and its answer (no plugin) remembered.
        }
    }

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
