using System.Text;
using RefreshJwt.MockServer;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// A deliberately broken cluster: a WireMock.Net proxy in front of a faithful mock that applies one
/// <see cref="Deviation"/> to the traffic. With <see cref="Deviation.None"/> it is as faithful as the mock.
/// </summary>
public sealed class DeviantServer : IDisposable
{
    private static readonly string[] NotForwarded = ["Host", "Content-Length", "Content-Type", "Connection", "Transfer-Encoding"];

    private readonly WireMockServer _server;
    private readonly Upstream _upstream;
    private readonly Deviation _deviation;

    private DeviantServer(Deviation deviation, Upstream upstream, bool systemDate)
    {
        _deviation = deviation;
        _upstream = upstream;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            MaxRequestLogCount = 0,
            Logger = new WireMockNullLogger(),
            DisableJsonBodyParsing = true,
            DisableRequestBodyDecompressing = true,

            // The proxy answers with the mock's clock in Date, as the mock itself does, unless told to use the system's.
            PreWireMockMiddlewareInit = MockServerHost.DateFrom(systemDate ? TimeProvider.System : upstream.Mock.Clock),
        });
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(ForwardAsync));
    }

    public string Url => _server.Urls[0];

    /// <summary>The faithful mock behind the proxy: its clock and users, to check the suite put them back.</summary>
    public Upstream Upstream => _upstream;

    /// <summary>
    /// A server with <paramref name="deviation"/> in front of <paramref name="upstream"/> (a default mock when null);
    /// <paramref name="systemDate"/> sends this machine's time as Date while tokens follow the mock's clock.
    /// </summary>
    public static DeviantServer Start(Deviation deviation, Upstream? upstream = null, bool systemDate = false) =>
        new(deviation, upstream ?? Upstream.Start(), systemDate);

    /// <summary>
    /// Settings for a run against this server as a cluster: the mock's users, its key for the claim cases, and
    /// <c>--mock-control</c> (the proxy passes <c>/__mock</c> through), so expiry is tested on the mock's clock.
    /// </summary>
    public RunSettings Settings(params string[] cases) => new()
    {
        Target = new Uri(Url),
        Username = "admin@example.com",
        Password = "Passw0rd!",
        ExpiredUsername = "expired@example.com",
        ExpiredPassword = "Expired-1",
        SigningKey = Encoding.UTF8.GetBytes(Upstream.SigningKey),
        Cases = cases,
        MockControl = true,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "refresh-jwt-power"),
    };

    public void Dispose()
    {
        _server.Stop();
        _upstream.Dispose();
    }

    private async Task<IResponseMessage> ForwardAsync(IRequestMessage message)
    {
        var headers = (message.Headers ?? new Dictionary<string, WireMockList<string>>()).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var request = new ProxyRequest(message.Method, message.Path, headers, string.IsNullOrEmpty(message.Body) ? null : message.Body);
        request = _deviation.Request?.Invoke(request, _upstream) ?? request;
        var response = _deviation.Answer?.Invoke(request, _upstream) ?? await SendAsync(request);
        response = _deviation.Response?.Invoke(request, response, _upstream) ?? response;
        var answerHeaders = (response.Headers ?? new Dictionary<string, string>()).ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value));
        if (response.ContentType is not null)
        {
            answerHeaders["Content-Type"] = new(response.ContentType);
        }

        return new ResponseMessage
        {
            StatusCode = response.Status,
            Headers = answerHeaders,
            BodyData = new BodyData { BodyAsString = response.Body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
    }

    private async Task<ProxyResponse> SendAsync(ProxyRequest request)
    {
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        foreach (var (name, value) in request.Headers.Where(h => !NotForwarded.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
        {
            outgoing.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            outgoing.Content = new StringContent(request.Body, Encoding.UTF8);
            outgoing.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.Headers.GetValueOrDefault("Content-Type") ?? "application/json");
        }

        using var answer = await _upstream.Http.SendAsync(outgoing);
        return new ProxyResponse((int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString(), await answer.Content.ReadAsStringAsync());
    }
}
