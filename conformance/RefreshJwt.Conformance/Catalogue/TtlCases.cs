namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// The optional body <c>{"ttl": seconds}</c>: an integer from 1 to 86400 (jwt_authorize object). No request may buy a
/// token living outside that range (a run invariant, MUST). The docs do not say whether a value outside it is refused
/// or clamped: refusing it with 400 is a SHOULD, and what the target did is recorded either way (docs/contract.md#ttl).
/// </summary>
[Order(3)]
public sealed class TtlCases : ConformanceCases
{
    [Test]
    [Case("T01", Level.Must, "An explicit ttl sets the new token's exp - iat (120 s and 3600 s)", Sources.JwtAuthorizeObject, Basis.Documented, Quotes = [DocQuotes.RefreshRequest])]
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
    [Case("T02", Level.Must, "ttl 1, the documented minimum, is accepted", Sources.JwtAuthorizeObject, Basis.Reading, Readings = [Reading.TtlRange])]
    public Task Minimum_ttl_is_accepted() => AcceptedAsync(1);

    [Test]
    [Case("T03", Level.Must, "ttl 86400, the documented maximum, is accepted", Sources.JwtAuthorizeObject, Basis.Reading, Readings = [Reading.TtlRange])]
    public Task Maximum_ttl_is_accepted() => AcceptedAsync(86400);

    [Test]
    [Case("T04", Level.Should, "ttl 0 (below the minimum) is refused with 400; what the target did is recorded", Sources.TtlLevels + "; " + Sources.Rfc9110BadRequest, Basis.Practice)]
    public Task Zero_ttl_is_refused() => RefusedTtlAsync("0");

    [Test]
    [Case("T05", Level.Should, "ttl -1 is refused with 400; what the target did is recorded", Sources.TtlLevels + "; " + Sources.Rfc9110BadRequest, Basis.Practice)]
    public Task Negative_ttl_is_refused() => RefusedTtlAsync("-1");

    [Test]
    [Case("T06", Level.Should, "ttl 86401 and 2147483648 (above the maximum) are refused with 400; what the target did is recorded", Sources.TtlLevels + "; " + Sources.Rfc9110BadRequest, Basis.Practice)]
    public Task Excessive_ttl_is_refused() => RefusedTtlAsync("86401", "2147483648");

    [Test]
    [Case("T07", Level.Should, "ttl 1.5 (not an integer) is refused with 400; what the target did is recorded", Sources.TtlLevels + "; " + Sources.Rfc9110BadRequest, Basis.Practice)]
    public Task Fractional_ttl_is_refused() => RefusedTtlAsync("1.5");

    [Test]
    [Case("T08", Level.Should, "ttl [] and {} (not a number) are refused with 400; what the target did is recorded", Sources.TtlLevels + "; " + Sources.Rfc9110BadRequest, Basis.Practice)]
    public Task Structured_ttl_is_refused() => RefusedTtlAsync("[]", "{}");

    [Test]
    [Case("T09", Level.Info, "ttl \"60\" (a string): refused, or coerced to 60?", Sources.Q3TtlBodies, Basis.Open)]
    public Task String_ttl_is_recorded() => RecordAsync("{\"ttl\":\"60\"}");

    [Test]
    [Case("T10", Level.Info, "ttl null: refused, or read as no ttl?", Sources.Q3TtlBodies, Basis.Open)]
    public Task Null_ttl_is_recorded() => RecordAsync("{\"ttl\":null}");

    [Test]
    [Case("T11", Level.Info, "A body that is not JSON: refused, or ignored?", Sources.Q3TtlBodies, Basis.Open)]
    public Task Non_json_body_is_recorded() => RecordAsync("ttl=60");

    [Test]
    [Case("T12", Level.Info, "An empty JSON object and unknown fields next to ttl", Sources.Q3TtlBodies, Basis.Open)]
    public Task Other_bodies_are_recorded() => RecordAsync("{}", "{\"ttl\":60,\"unknown\":true}");

    [Test]
    [Case("T13", Level.Info, "A JSON ttl body sent as Content-Type: text/plain", Sources.Q3TtlBodies, Basis.Open)]
    public async Task Wrong_content_type_is_recorded()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshAsync("refresh with {\"ttl\":60} as text/plain", $"JWT {token.Raw}", "{\"ttl\":60}", "text/plain");
        Observe("status", reply.Status);
        Observe("lifetime", reply.Token?.Lifetime?.ToString() ?? "no token");
        Expect.All(Expect.NoServerError(reply, "refresh with a text/plain body"));
    }

    [Test]
    [Case("T14", Level.Must, "No body of any shape makes refresh fail with a 5xx (\"60\", null, not JSON, arrays, {}, unknown fields)", Sources.RefreshJwt + " (Status codes: 200, 401)", Basis.Reading, Readings = [Reading.NoServerError])]
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

    private async Task AcceptedAsync(int ttl)
    {
        var reply = await Api.RefreshTokenAsync($"refresh with ttl {ttl}", (await TokenAsync()).Raw, ttl);
        Expect.All(Expect.IssuedToken(reply, $"refresh with ttl {ttl}", out var token), Expect.Lifetime(token, ttl, $"refresh with ttl {ttl}"));
    }

    private async Task RefusedTtlAsync(params string[] values)
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        foreach (var value in values)
        {
            var label = $"refresh with {{\"ttl\":{value}}}";
            var reply = await Api.RefreshAsync(label, $"{Contract.Scheme} {token.Raw}", $"{{\"ttl\":{value}}}");
            Observe($"ttl {value}", reply.AccessToken is null
                ? reply.Answered ? $"refused: {reply.Status} {reply.ErrorCode}".Trim() : reply.Outcome
                : $"accepted: the token lives {reply.Token?.Lifetime?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time"} s");
            problems.Add(reply is { Answered: true, Status: Contract.BadRequest, AccessToken: null }
                ? null
                : $"{label}: expected {Contract.BadRequest} (ttl must be an integer from {Contract.MinTtl} to {Contract.MaxTtl}), got {reply.Summary()}");
        }

        Expect.All(problems);
    }

    private async Task RecordAsync(params string[] bodies)
    {
        var problems = new List<string?>();
        foreach (var body in bodies)
        {
            var token = await TokenAsync();
            var label = $"refresh with body {body}";
            var reply = await Api.RefreshAsync(label, $"JWT {token.Raw}", body);
            Observe(body, reply.AccessToken is null ? reply.Answered ? $"{reply.Status} {reply.ErrorCode}".Trim() : reply.Outcome : $"{reply.Status}, token living {reply.Token?.Lifetime} s");
            problems.Add(Expect.NoServerError(reply, label));
        }

        Expect.All(problems);
    }
}
