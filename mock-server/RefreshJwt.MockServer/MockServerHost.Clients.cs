
namespace RefreshJwt.MockServer;

/// <summary>The admin endpoints for client developers: faults to inject and the report on the client.</summary>
public sealed partial class MockServerHost
{
    /// <summary>Faults in force: add with <see cref="FaultInjector.Add"/>, or <c>POST /__mock/faults</c>.</summary>
    public FaultInjector Faults { get; }

    /// <summary>What the client did wrong so far; <c>GET /__mock/client-report</c>.</summary>
    public ClientReport ClientReport { get; }

    private const string FaultsPath = AdminApi.Prefix + "/faults";
    private const string ClientReportPath = AdminApi.Prefix + "/client-report";

    /// <summary>The handler of a faults or client-report request (405 for another method), or null for another path.</summary>
    private Func<ApiRequest, ApiResponse>? ClientAdminRoute(ApiRequest request) => (request.Path, Method: request.Method.ToUpperInvariant()) switch
    {
        (FaultsPath, "GET") => _ => ApiResponse.Json(200, new { faults = Faults.List().Select(FaultJson) }),
        (FaultsPath, "POST") => AddFault,
        (FaultsPath, "DELETE") => _ =>
        {
            Faults.Clear();
            return ApiResponse.Empty(204);
        },
        (ClientReportPath, "GET") => _ => ApiResponse.Json(200, ClientReport.Read()),
        (ClientReportPath, "DELETE") => _ =>
        {
            ClientReport.Clear();
            return ApiResponse.Empty(204);
        },
        (FaultsPath, _) => r => _api.MethodNotAllowed(r, "GET, POST, DELETE").Response,
        (ClientReportPath, _) => r => _api.MethodNotAllowed(r, "GET, DELETE").Response,
        _ => null,
    };

    private ApiResponse AddFault(ApiRequest request)
    {
        try
        {
            return ApiResponse.Json(201, FaultJson(Faults.Add(FaultRule.Parse(request.Body))));
        }
        catch (MockConfigurationException e)
        {
            return ApiResponse.Json(400, new { error = e.Message });
        }
    }

    /// <summary>A rule in the JSON shape POST takes (camelCase, only the fields set), with its counters.</summary>
    private static Dictionary<string, object> FaultJson(FaultView view)
    {
        var rule = view.Rule;
        var json = new Dictionary<string, object>
        {
            ["id"] = view.Id,
            ["endpoint"] = rule.Endpoint switch
            {
                FaultEndpoint.Authorize => "authorize",
                FaultEndpoint.RefreshJwt => "refresh_jwt",
                FaultEndpoint.Users => "users",
                _ => "any",
            },
        };
        void Put(string name, object? value)
        {
            if (value is not null and not false)
            {
                json[name] = value;
            }
        }

        Put("status", rule.Status);
        Put("retryAfter", rule.RetryAfter);
        Put("delayMs", rule.DelayMs);
        Put("delayMaxMs", rule.DelayMaxMs);
        Put("reset", rule.Reset);
        Put("slowBodyMs", rule.SlowBodyMs);
        Put("expire", rule.Expire);
        Put("count", rule.Count);
        Put("fraction", rule.Fraction);
        json["seed"] = rule.Seed;
        json["action"] = view.Action;
        json["matched"] = view.Matched;
        json["applied"] = view.Applied;
        Put("remaining", view.Remaining);
        return json;
    }

    /// <summary>A request a fault answered by itself: logged and shown to the client report like any other.</summary>
    private static Action<JournalEntry, int?> Answered(Action<string>? log, ClientReport report) => (entry, retryAfter) =>
    {
        log?.Invoke(Describe(entry));
        report.Observe(entry, null, retryAfter);
    };
}
