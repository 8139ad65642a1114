using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefreshJwt.ReferenceServers;

/// <summary>
/// A small server of Redis Enterprise's token endpoints written from docs/contract.md alone, on bare Kestrel over
/// plain HTTP on 127.0.0.1: its own key, users, clock and <see cref="ReferenceChoices"/>.
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable, IDisposable
{
    /// <summary>Header bytes past which <see cref="OversizedHeaders.Html431"/> answers 431, as a front proxy would.</summary>
    private const int FrontProxyHeaderLimit = 8 * 1024;

    private readonly WebApplication _app;

    private ReferenceServer(WebApplication app, ReferenceChoices choices, ReferenceClock clock, byte[] key, ReferenceUser admin, ReferenceUser expired)
    {
        _app = app;
        Choices = choices;
        Clock = clock;
        SigningKey = key;
        Admin = admin;
        Expired = expired;
    }

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public ReferenceChoices Choices { get; }

    public ReferenceClock Clock { get; }

    /// <summary>The HMAC key its tokens are signed with (what a cluster's operator could give as <c>RS_SIGNING_KEY</c>).</summary>
    public byte[] SigningKey { get; }

    /// <summary>An active admin.</summary>
    public ReferenceUser Admin { get; }

    /// <summary>A user whose password has expired.</summary>
    public ReferenceUser Expired { get; }

    public static async Task<ReferenceServer> StartAsync(ReferenceChoices? choices = null)
    {
        choices ??= new ReferenceChoices();
        var clock = new ReferenceClock(choices.ClockOffset);
        var key = RandomNumberGenerator.GetBytes(32);
        var admin = new ReferenceUser(1, "admin@reference.example", Secret(), "admin", ReferenceUser.Active);
        var expired = new ReferenceUser(2, "expired@reference.example", Secret(), "db_viewer", ReferenceUser.PasswordExpired);
        ReferenceUser[] users = [admin, expired];

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
            if (choices.OversizedHeaders != OversizedHeaders.Kestrel)
            {
                kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
                kestrel.Limits.MaxRequestLineSize = 1024 * 1024;
            }
        });
        var app = builder.Build();
        app.Use((context, next) => FrontAsync(context, next, clock, choices));

        var tokens = new TokenEndpoints(choices, users, new TokenMinter(key, choices, clock), new TokenVerifier(key, choices, clock, users));
        app.MapPost("/v1/users/authorize", tokens.AuthorizeAsync);
        app.MapPost("/v1/users/refresh_jwt", tokens.RefreshAsync);
        app.MapGet("/v1/users/{uid}", tokens.UserAsync);
        if (choices.AdminApi)
        {
            var admins = new AdminEndpoints(clock, users, choices.DuplicateKeys);
            app.MapGet("/__mock/clock", admins.ClockAsync);
            app.MapPost("/__mock/clock/advance", admins.AdvanceAsync);
            app.MapPost("/__mock/clock/reset", admins.ResetAsync);
            app.MapGet("/__mock/users", admins.UsersAsync);
            app.MapPut("/__mock/users/{uid}/status", admins.StatusAsync);
        }

        await app.StartAsync();
        return new ReferenceServer(app, choices, clock, key, admin, expired);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>What sits in front of the API: the Date header from the server's own clock, and a front proxy's header limit.</summary>
    private static Task FrontAsync(HttpContext context, RequestDelegate next, ReferenceClock clock, ReferenceChoices choices)
    {
        context.Response.Headers.Date = clock.GetUtcNow().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var headerBytes = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0) + 4);
        if (choices.OversizedHeaders == OversizedHeaders.Html431 && headerBytes > FrontProxyHeaderLimit)
        {
            context.Response.StatusCode = 431;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><head><title>431 Request Header Fields Too Large</title></head><body><h1>431</h1></body></html>");
        }

        return next(context);
    }

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
}
