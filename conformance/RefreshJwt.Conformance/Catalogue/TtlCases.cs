namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// The optional body <c>{"ttl": seconds}</c>: an integer from 1 to 86400 (jwt_authorize object). Values the docs rule
/// out must not buy a token; what status refuses them is the target's choice, recorded.
/// </summary>
[Order(3)]
public sealed class TtlCases : ConformanceCases
{
    [Test]
    [Case("T01", Level.Must, "An explicit ttl sets the new token's exp - iat (120 s and 3600 s)", Sources.JwtAuthorizeObject)]
    public async Task Ttl_sets_the_lifetime()
    {
        var shortReply = await Api.RefreshTokenAsync("refresh with ttl 120", (await TokenAsync()).Raw, ttl: 120);
        var longReply = await Api.RefreshTokenAsync("refresh with ttl 3600", (await TokenAsync()).Raw, ttl: 3600);
        Expect.All(
            Expect.IssuedToken(shortReply, "refresh with ttl 120", out var shortToken),
            Expect.Lifetime(shortToken, 120, "refresh with ttl 120"),
            Expect.IssuedToken(longReply, "refresh with ttl 3600", out var longToken),
            Expect.Lifetime(longToken, 3600, "refresh with ttl 3600"));
    }

    [Test]
    [Case("T02", Level.Must, "ttl 1, the documented minimum, is accepted", Sources.JwtAuthorizeObject)]
    public Task Minimum_ttl_is_accepted() => AcceptedAsync(1);

    [Test]
    [Case("T03", Level.Must, "ttl 86400, the documented maximum, is accepted", Sources.JwtAuthorizeObject)]
    public Task Maximum_ttl_is_accepted() => AcceptedAsync(86400);

    [Test]
    [Case("T04", Level.Must, "ttl 0 buys no token (below the minimum); the status is recorded", Sources.JwtAuthorizeObject)]
    public Task Zero_ttl_is_refused() => RefusedTtlAsync("0");

    [Test]
    [Case("T05", Level.Must, "ttl -1 buys no token; the status is recorded", Sources.JwtAuthorizeObject)]
    public Task Negative_ttl_is_refused() => RefusedTtlAsync("-1");

    [Test]
    [Case("T06", Level.Must, "ttl 86401 and 2147483648 buy no token (above the maximum); the status is recorded", Sources.JwtAuthorizeObject)]
    public Task Excessive_ttl_is_refused() => RefusedTtlAsync("86401", "2147483648");

    [Test]
    [Case("T07", Level.Must, "ttl 1.5 buys no token (not an integer); the status is recorded", Sources.JwtAuthorizeObject)]
    public Task Fractional_ttl_is_refused() => RefusedTtlAsync("1.5");

    [Test]
    [Case("T08", Level.Must, "ttl [] and {} buy no token (not a number at all); the status is recorded", Sources.JwtAuthorizeObject)]
    public Task Structured_ttl_is_refused() => RefusedTtlAsync("[]", "{}");

    [Test]
    [Case("T09", Level.Info, "ttl \"60\" (a string): refused, or coerced to 60?", Sources.OpenQuestion)]
    public Task String_ttl_is_recorded() => RecordAsync("{\"ttl\":\"60\"}");

    [Test]
    [Case("T10", Level.Info, "ttl null: refused, or read as no ttl?", Sources.OpenQuestion)]
    public Task Null_ttl_is_recorded() => RecordAsync("{\"ttl\":null}");

    [Test]
    [Case("T11", Level.Info, "A body that is not JSON: refused, or ignored?", Sources.OpenQuestion)]
    public Task Non_json_body_is_recorded() => RecordAsync("ttl=60");

    [Test]
    [Case("T12", Level.Info, "An empty JSON object and unknown fields next to ttl", Sources.OpenQuestion)]
    public Task Other_bodies_are_recorded() => RecordAsync("{}", "{\"ttl\":60,\"unknown\":true}");

    [Test]
    [Case("T13", Level.Info, "A JSON ttl body sent as Content-Type: text/plain", Sources.OpenQuestion)]
    public async Task Wrong_content_type_is_recorded()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshAsync("refresh with {\"ttl\":60} as text/plain", $"JWT {token.Raw}", "{\"ttl\":60}", "text/plain");
        Observe("status", reply.Status);
        Observe("lifetime", reply.Token?.Lifetime?.ToString() ?? "no token");
        Expect.All(Expect.NoServerError(reply, "refresh with a text/plain body"));
    }

    [Test]
    [Case("T14", Level.Must, "No body of any shape makes refresh fail with a 5xx (\"60\", null, not JSON, arrays, {}, unknown fields)", Sources.RefreshJwt + " (Status codes: 200, 401)")]
    public async Task Odd_bodies_are_not_a_server_error()
    {
        string[] bodies = ["{\"ttl\":\"60\"}", "{\"ttl\":null}", "ttl=60", "[60]", "\"60\"", "{}", "{\"ttl\":60,\"unknown\":true}", "{\"ttl\":1e400}", "{\"ttl\":60,\"ttl\":61}"];
        var problems = new List<string?>();
        foreach (var body in bodies)
        {
            var reply = await Api.RefreshAsync($"refresh with body {body}", $"JWT {(await TokenAsync()).Raw}", body);
            problems.Add(Expect.NoServerError(reply, $"refresh with body {body}"));
        }

        Expect.All(problems);
    }

    private static async Task AcceptedAsync(int ttl)
    {
        var reply = await Api.RefreshTokenAsync($"refresh with ttl {ttl}", (await TokenAsync()).Raw, ttl);
        Expect.All(Expect.IssuedToken(reply, $"refresh with ttl {ttl}", out var token), Expect.Lifetime(token, ttl, $"refresh with ttl {ttl}"));
    }

    private static async Task RefusedTtlAsync(params string[] values)
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        foreach (var value in values)
        {
            var label = $"refresh with {{\"ttl\":{value}}}";
            var reply = await Api.RefreshAsync(label, $"JWT {token.Raw}", $"{{\"ttl\":{value}}}");
            Observe($"ttl {value}", $"{reply.Status} {reply.ErrorCode}".Trim());
            problems.Add(Expect.NoToken(reply, label));
            problems.Add(Expect.NoServerError(reply, label));
        }

        Expect.All(problems);
    }

    private static async Task RecordAsync(params string[] bodies)
    {
        var problems = new List<string?>();
        foreach (var body in bodies)
        {
            var token = await TokenAsync();
            var label = $"refresh with body {body}";
            var reply = await Api.RefreshAsync(label, $"JWT {token.Raw}", body);
            Observe(body, reply.AccessToken is null ? $"{reply.Status} {reply.ErrorCode}".Trim() : $"{reply.Status}, token living {reply.Token?.Lifetime} s");
            problems.Add(Expect.NoServerError(reply, label));
        }

        Expect.All(problems);
    }
}
