using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>
/// The two baselines, each run as its own process like the mock: a bare Kestrel app and a bare WireMock.Net server with
/// one callback mapping, both doing <see cref="JwtWork"/> on <c>POST /v1/users/refresh_jwt</c>. The first line on
/// stdout is the base URL; SIGTERM stops them.
/// </summary>
internal static class Baselines
{
    public const string RefreshJwtPath = "/v1/users/refresh_jwt";

    public static async Task<int> ServeAsync(string kind, byte[] key)
    {
        var work = new JwtWork(key);
        var stop = new TaskCompletionSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        switch (kind)
        {
            case "kestrel":
                await using (var app = Kestrel(work))
                {
                    await app.StartAsync();
                    Console.WriteLine(app.Urls.First());
                    await stop.Task;
                    await app.StopAsync();
                }

                return 0;
            case "wiremock":
                using (var server = WireMock(work))
                {
                    Console.WriteLine(server.Urls[0].TrimEnd('/'));
                    await stop.Task;
                }

                return 0;
            default:
                Console.Error.WriteLine($"unknown baseline {kind}: kestrel or wiremock");
                return 2;
        }
    }

    private static WebApplication Kestrel(JwtWork work)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost(RefreshJwtPath, async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var (status, body) = await work.RefreshAsync(context.Request.Headers.Authorization, await reader.ReadToEndAsync());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        return app;
    }

    private static WireMockServer WireMock(JwtWork work)
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 0,
            DisableJsonBodyParsing = true,
            DisableRequestBodyDecompressing = true,
        });
        server.Given(Request.Create().WithPath(RefreshJwtPath).UsingPost()).RespondWith(Response.Create().WithCallback(async message =>
        {
            var authorization = message.Headers?.TryGetValue("Authorization", out var values) == true ? values[0] : null;
            var (status, body) = await work.RefreshAsync(authorization, message.BodyData?.BodyAsString);
            return new ResponseMessage
            {
                StatusCode = status,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
            };
        }));
        return server;
    }
}
