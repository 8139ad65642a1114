namespace RefreshJwt.Conformance.Catalogue;

/// <summary>A valid token presented the documented way: what a successful refresh must look like.</summary>
[Order(2)]
public sealed class ValidRefreshCases : ConformanceCases
{
    [Test]
    [Case("V01", Level.Must, "A valid token is refreshed with 200", Sources.RefreshJwtResponse, Basis.Documented, Quotes = [DocQuotes.NewTokenGiven])]
    public async Task Valid_token_gets_200()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshTokenAsync("refresh a valid token", token.Raw, ttl: null);
        Expect.All(Expect.AnsweredWith(reply, Contract.Issued, "refresh a valid token"));
    }

    [Test]
    [Case("V02", Level.Must, "The 200 response is labelled Content-Type: application/json", Sources.ApiIndex, Basis.Documented, Quotes = [DocQuotes.JsonMediaType])]
    public async Task Response_is_labelled_json()
    {
        var reply = await Api.RefreshTokenAsync("refresh a valid token", (await TokenAsync()).Raw, ttl: null);
        Expect.All(Expect.JsonContentType(reply, "refresh"));
    }

    [Test]
    [Case("V03", Level.Must, "The body is a JSON object with a string access_token", Sources.RefreshJwtResponse, Basis.Documented, Quotes = [DocQuotes.AccessToken])]
    public async Task Body_carries_access_token()
    {
        var reply = await Api.RefreshTokenAsync("refresh a valid token", (await TokenAsync()).Raw, ttl: null);
        Observe("body fields", Evidence.Normalizer.Normalize(reply).BodyFields is { } fields ? string.Join(", ", fields) : "(not a JSON object)");
        Expect.All(reply.AccessToken is not null ? null : $"refresh: no string \"access_token\" in {reply.Summary()}");
    }

    [Test]
    [Case("V04", Level.Must, "access_token is a compact JWS whose header and claims decode", Sources.JwtAuthorizeObject + "; " + Sources.Rfc7519Structure, Basis.Documented, Quotes = [DocQuotes.RefreshRequest])]
    public async Task Access_token_is_a_jwt()
    {
        var reply = await Api.RefreshTokenAsync("refresh a valid token", (await TokenAsync()).Raw, ttl: null);
        var token = Tokens.DecodedToken.TryDecode(reply.AccessToken, out var problem);
        Expect.All(token is not null ? null : $"refresh: access_token is not a compact JWS: {problem}");
    }

    [Test]
    [Case("V05", Level.Must, "The new token works: it is refreshed again with 200", Sources.RefreshJwt, Basis.Reading, Readings = [Reading.TokenWorks])]
    public async Task New_token_refreshes_again()
    {
        var first = await Api.RefreshTokenAsync("refresh a valid token", (await TokenAsync()).Raw, ttl: null);
        Expect.All(Expect.IssuedToken(first, "first refresh", out var token));
        var second = await Api.RefreshTokenAsync("refresh the refreshed token", token!.Raw, ttl: null);
        Expect.All(Expect.IssuedToken(second, "refresh of the refreshed token", out _));
    }

    [Test]
    [Case("V06", Level.Must, "The new token is accepted by GET /v1/users/{uid} wherever the old one is", Sources.Users, Basis.Reading, Readings = [Reading.TokenWorks])]
    public async Task New_token_reads_the_user()
    {
        var token = await TokenAsync();
        SkipUnless(token.User is ("uid", _), "the target's tokens carry no uid claim to read the user with");
        var before = await Api.GetUserAsync("GET the user with the authorize token", token.User!.Value.Value, token.Raw);
        SkipUnless(before is { Answered: true, Status: 200 }, $"the target does not serve GET /v1/users/{{uid}} to a JWT ({before.Status})");
        var refreshed = await Api.RefreshTokenAsync("refresh", token.Raw, ttl: null);
        Expect.All(Expect.IssuedToken(refreshed, "refresh", out var fresh));
        var after = await Api.GetUserAsync("GET the user with the refreshed token", token.User.Value.Value, fresh!.Raw);
        Expect.All(after is { Answered: true, Status: 200 } ? null : $"GET /v1/users/{{uid}} with the refreshed token: expected 200, got {after.Summary()}");
    }

    [Test]
    [Case("V07", Level.Must, "The new token names the same user as the presented one", Sources.RefreshJwt, Basis.Reading, Readings = [Reading.SameUser])]
    public async Task Same_user_carries_over()
    {
        var token = await TokenAsync();
        SkipUnless(token.User is not null, $"the target's tokens carry none of the user claims {string.Join(", ", Tokens.DecodedToken.UserClaims)}");
        var reply = await Api.RefreshTokenAsync("refresh a valid token", token.Raw, ttl: null);
        Expect.All(Expect.IssuedToken(reply, "refresh", out var fresh));
        Expect.All(fresh!.User == token.User ? null : $"refresh: the presented token names {token.User}, the new one {fresh.User?.ToString() ?? "no user"}");
    }

    [Test]
    [Case("V08", Level.Must, "The new token is issued at the time of the request: after the presented one, not after a later one", Sources.RefreshJwt + " (2020 text: \"issued at the time of the request\")", Basis.Reading, Readings = [Reading.IssuedNow])]
    public async Task New_token_is_issued_now()
    {
        var token = await TokenAsync();
        await LetTimePassAsync(TimeSpan.FromSeconds(2), "letting 2 s pass before the refresh");
        var reply = await Api.RefreshTokenAsync("refresh a valid token 2 s later", token.Raw, ttl: null);
        Expect.All(Expect.IssuedToken(reply, "refresh", out var fresh));
        var later = await TokenAsync();
        Observe("iat - Date (s)", reply.Date is { } date && fresh!.IssuedAt is { } iat ? iat - date.ToUnixTimeSeconds() : "no Date header");
        Expect.All(
            fresh!.IssuedAt is null ? "refresh: the new token has no numeric iat" : null,
            fresh.IssuedAt <= token.IssuedAt ? $"refresh: the new token's iat {fresh.IssuedAt} is not after the presented token's {token.IssuedAt}, though it was asked for 2 s later" : null,
            fresh.IssuedAt > later.IssuedAt ? $"refresh: the new token's iat {fresh.IssuedAt} is after that of a token authorized afterwards ({later.IssuedAt})" : null);
    }

    [Test]
    [Case("V09", Level.Must, "Without a body the new token lives the default 300 s or the presented token's lifetime (a 120 s token); which one is recorded", Sources.JwtAuthorizeObject + "; " + Sources.Q4RefreshLifetime, Basis.Reading, Readings = [Reading.RefreshLifetime])]
    public async Task Default_lifetime_without_body()
    {
        // A presented token living neither 300 s nor what a broken default would give tells the two faithful readings apart.
        const int presented = 120;
        var reply = await Api.RefreshTokenAsync("refresh without a body", (await TokenAsync(ttl: presented)).Raw, ttl: null);
        Expect.All(Expect.IssuedToken(reply, "refresh", out var token));
        var kept = Expect.Lifetime(token, presented, "refresh without a body") is null;
        var standard = Expect.Lifetime(token, Contract.DefaultTtl, $"refresh of a {presented} s token without a body (or {presented} s, its own)");
        Observe("reading", kept ? $"the presented token's lifetime ({presented} s)"
            : standard is null ? $"the default {Contract.DefaultTtl} s"
            : "neither");
        Expect.All(kept ? null : standard);
    }

    [Test]
    [Case("V10", Level.Must, "A refresh returns a new token, not the presented one", Sources.RefreshJwt, Basis.Documented, Quotes = [DocQuotes.NewToken])]
    public async Task Refresh_does_not_echo_the_token()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshTokenAsync("refresh with ttl 120", token.Raw, ttl: 120);
        Expect.All(Expect.IssuedToken(reply, "refresh", out _));
        Expect.All(reply.AccessToken == token.Raw ? "refresh with ttl 120: the response carries the presented token back" : null);
    }

    [Test]
    [Case("V11", Level.Should, "Issued tokens are signed with a real algorithm, never \"none\"", Sources.Rfc8725Algorithms, Basis.Practice)]
    public async Task Issued_token_is_signed()
    {
        var token = await TokenAsync();
        Observe("alg", token.Algorithm);
        Expect.All(token.Algorithm is null || token.Algorithm.Equals("none", StringComparison.OrdinalIgnoreCase) || token.SignatureSegment.Length == 0
            ? $"authorize issued an unsigned token (alg {token.Algorithm ?? "missing"})"
            : null);
    }

    [Test]
    [Case("V12", Level.Should, "Issued tokens declare typ \"JWT\"", Sources.Rfc8725Typing, Basis.Practice)]
    public async Task Issued_token_is_typed()
    {
        var token = await TokenAsync();
        var typ = token.Header.TryGetProperty("typ", out var value) ? value.ToString() : null;
        Observe("typ", typ);
        Expect.All(string.Equals(typ, "JWT", StringComparison.OrdinalIgnoreCase) ? null : $"the issued token's typ is {typ ?? "missing"}, not \"JWT\"");
    }

    [Test]
    [Case("V14", Level.Should, "A standard JWT library reads the issued token (registered claims have RFC 7519 types)", Sources.Rfc7519Claims, Basis.Practice)]
    public async Task Issued_token_has_standard_claim_types()
    {
        var token = await TokenAsync();
        Expect.All(token.LibraryProblem is null ? null : $"System.IdentityModel.Tokens.Jwt cannot read the issued token: {token.LibraryProblem}");
    }

    [Test]
    [Case("V13", Level.Info, "The issued token: algorithm, header parameters and claim names", Sources.Q7Claims, Basis.Open)]
    public async Task Token_contents_are_recorded()
    {
        var token = await TokenAsync();
        Observe("header", token.Header.GetRawText());
        Observe("claims", string.Join(", ", token.ClaimNames));
        Observe("uid type", token.Claims.TryGetProperty("uid", out var uid) ? uid.ValueKind.ToString().ToLowerInvariant() : "no uid");
    }
}
