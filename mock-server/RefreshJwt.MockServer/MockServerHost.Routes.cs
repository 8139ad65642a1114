using System.Globalization;
using System.Text;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace RefreshJwt.MockServer;

/// <summary>The routes: WireMock.Net mappings to the cluster API and the admin API, with journaling and logging.</summary>
public sealed partial class MockServerHost
{
    private const string AuthorizePath = "/v1/users/authorize";
    private const string RefreshJwtPath = "/v1/users/refresh_jwt";
    private const string UserPathPattern = "^/v1/users/[^/]+$";

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
        Admin(Request.Create().WithPath($"{admin}/clock/reset").UsingPost(), _admin.Reset);
        Admin(Request.Create().WithPath($"{admin}/journal").UsingGet(), _ => _admin.Journal());
        Admin(Request.Create().WithPath($"{admin}/journal").UsingDelete(), _ => _admin.ClearJournal());
        Admin(Request.Create().WithPath($"{admin}/users").UsingGet(), _ => _admin.Users());
        Admin(Request.Create().WithPath(new RegexMatcher($"^{admin}/users/[^/]+/status$")).UsingPut(), r => _admin.SetStatus(r, r.Path.Split('/')[^2]));

        MapClientEndpoints();

        Route(100, Request.Create().UsingAnyMethod(), r => Task.FromResult(_api.NotFound(r)));
    }

    /// <summary>A cluster API route: answered by a handler, journaled, logged.</summary>
    private void Route(int priority, IRequestBuilder request, Func<ApiRequest, Task<ApiOutcome>> handle) =>
        _server.Given(request).AtPriority(priority).RespondWith(Response.Create().WithCallback(async message =>
        {
            var apiRequest = ToApiRequest(message);
            var outcome = await handle(apiRequest);
            var entry = Journal.Append(
                Clock.GetUtcNow(), apiRequest.Method, apiRequest.Path, outcome.Response.Status, outcome.User, outcome.Refusal, outcome.Presented, outcome.Issued, FaultInjector.Applied.Value);
            _log?.Invoke(Describe(entry));
            ClientReport.Observe(entry, apiRequest);
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

        if (entry.Fault is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" fault {entry.Fault}");
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
