using System.Text.Json.Nodes;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// One way a server can break the documented contract, and the MUST cases that must fail because of it. A deviation
/// rewrites requests on their way to a faithful mock (<see cref="Request"/>), answers instead of it
/// (<see cref="Answer"/>), or rewrites its responses (<see cref="Response"/>).
/// </summary>
public sealed record Deviation(
    string Name,
    string[] Breaks,
    Func<ProxyRequest, Upstream, ProxyRequest>? Request = null,
    Func<ProxyRequest, Upstream, ProxyResponse?>? Answer = null,
    Func<ProxyRequest, ProxyResponse, Upstream, ProxyResponse>? Response = null)
{
    public static readonly Deviation None = new("none (a faithful proxy)", []);

    /// <summary>Faithful, but like a real cluster it has no <c>/__mock</c> admin API: the suite must wait for expiry.</summary>
    public static readonly Deviation NoAdminApi = new("no admin API", [], Answer: (q, _) =>
        q.Path.StartsWith("/__mock", StringComparison.Ordinal) ? new ProxyResponse(404, "application/json", "{\"error_code\":\"not_found\"}") : null);

    public override string ToString() => Name;

    /// <summary>A deviation on refresh_jwt's successful responses only.</summary>
    public static Deviation OnIssuedToken(string name, string[] breaks, Func<ProxyRequest, ProxyResponse, Upstream, ProxyResponse> change) =>
        new(name, breaks, Response: (q, r, u) => q.IsRefresh && r.Status == 200 ? change(q, r, u) : r);

    /// <summary>A deviation on refresh_jwt's requests only.</summary>
    public static Deviation OnRefresh(string name, string[] breaks, Func<ProxyRequest, Upstream, ProxyRequest> change) =>
        new(name, breaks, Request: (q, u) => q.IsRefresh ? change(q, u) : q);

    /// <summary>Re-signs the presented token's claims with the mock's key, so the mock accepts what it should not.</summary>
    public static ProxyRequest Launder(ProxyRequest request, Func<JsonObject, JsonObject>? change = null) =>
        Upstream.Claims(request.Token) is { } claims ? request.WithAuthorization("JWT " + Upstream.Sign(change?.Invoke(claims) ?? claims)) : request;
}
