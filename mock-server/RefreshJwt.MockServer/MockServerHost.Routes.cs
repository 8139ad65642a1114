using System.Globalization;
using System.Text;
using WireMock;
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
    private const string UsersPrefix = "/v1/users/";
    private const string Admin = AdminApi.Prefix;

    /// <summary>
    /// One WireMock.Net mapping takes every request and <see cref="RouteAsync"/> picks its handler. WireMock.Net scores
    /// every mapping against every request, so one mapping costs a fraction of one per route (mock-server/BENCHMARKS.md).
    /// </summary>
    private void Map() =>
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(RouteAsync));

    private async Task<IResponseMessage> RouteAsync(IRequestMessage message)
    {
        var request = ToApiRequest(message);
        ApiOutcome outcome;
        try
        {
            if (AdminRoute(request) is { } admin)
            {
                return ToResponseMessage(admin(request));
            }

            outcome = await ClusterRoute(request)(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // WireMock.Net would answer 500 with the exception's message.
            outcome = Fault(e);
        }

        Record(request.Method, request.Path, outcome, request);
        return ToResponseMessage(outcome.Response);
    }

    /// <summary>The cluster API: journaled and logged. Paths are case-sensitive, methods are not, as WireMock.Net has them.</summary>
    private Func<ApiRequest, Task<ApiOutcome>> ClusterRoute(ApiRequest request)
    {
        var post = Is(request, "POST");
        return request.Path switch
        {
            AuthorizePath when post => r => Task.FromResult(_api.Authorize(r)),
            RefreshJwtPath when post => _api.RefreshJwtAsync,
            AuthorizePath or RefreshJwtPath => r => Task.FromResult(_api.MethodNotAllowed(r, "POST")),
            var path when IsUserPath(path) => Is(request, "GET")
                ? r => _api.GetUserAsync(r, r.Path[UsersPrefix.Length..])
                : r => Task.FromResult(_api.MethodNotAllowed(r, "GET")),
            _ => r => Task.FromResult(_api.NotFound(r)),
        };
    }

    /// <summary>The mock's own endpoints: neither journaled nor logged. Anything else under /__mock is a cluster 404.</summary>
    private Func<ApiRequest, ApiResponse>? AdminRoute(ApiRequest request) => (request.Path, Method: request.Method.ToUpperInvariant()) switch
    {
        (Admin, "GET") => _ => _admin.Index(),
        (Admin + "/clock", "GET") => _ => _admin.Clock(),
        (Admin + "/clock/advance", "POST") => _admin.Advance,
        (Admin + "/clock/reset", "POST") => _admin.Reset,
        (Admin + "/journal", "GET") => _ => _admin.Journal(),
        (Admin + "/journal", "DELETE") => _ => _admin.ClearJournal(),
        (Admin + "/users", "GET") => _ => _admin.Users(),
        (OpenApiDescription.Path, "GET") => _ => OpenApiDescription.Response(),
        (var path, "PUT") when IsUserStatusPath(path) => r => _admin.SetStatus(r, r.Path.Split('/')[^2]),
        _ => ClientAdminRoute(request),
    };

    /// <summary>Journals a cluster API request (with the fault applied to it, if any), logs its line and shows it to the client report.</summary>
    private void Record(string method, string path, ApiOutcome outcome, ApiRequest? request = null)
    {
        var entry = Journal.Append(Clock.GetUtcNow(), method, path, outcome.Response.Status, outcome.User, outcome.Refusal, outcome.Presented, outcome.Issued, FaultInjector.Applied.Value);
        _log?.Invoke(Describe(entry));
        ClientReport.Observe(entry, request);
    }

    private static bool Is(ApiRequest request, string method) => string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>/v1/users/{uid}</c>: one more non-empty segment.</summary>
    private static bool IsUserPath(string path) =>
        path.Length > UsersPrefix.Length && path.StartsWith(UsersPrefix, StringComparison.Ordinal) && path.IndexOf('/', UsersPrefix.Length) < 0;

    /// <summary><c>/__mock/users/{uid}/status</c>.</summary>
    private static bool IsUserStatusPath(string path)
    {
        const string prefix = Admin + "/users/";
        const string suffix = "/status";
        return path.Length > prefix.Length + suffix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal)
            && path.IndexOf('/', prefix.Length) == path.Length - suffix.Length;
    }

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
        var text = line.ToString();
        return text.AsSpan().ContainsAny(ControlCharacters)
            ? string.Create(text.Length, text, static (chars, source) =>
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = char.IsControl(source[i]) ? '?' : source[i];
                }
            })
            : text;
    }

    /// <summary>What <see cref="char.IsControl(char)"/> calls a control character: U+0000–U+001F and U+007F–U+009F.</summary>
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).ToArray());

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
