namespace RefreshJwt.Conformance.Catalogue;

/// <summary>N01–N03: the Authorization header itself. The docs show exactly one form: <c>JWT &lt;token&gt;</c>.</summary>
[Order(5)]
public sealed class AuthorizationHeaderCases : ConformanceCases
{
    [Test]
    [Case("N01", Level.Must, "No Authorization header: 401", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Missing_header_is_refused()
    {
        var reply = await Api.RefreshAsync("refresh without Authorization", authorization: null);
        ObserveRefusal(reply);
        Expect.All(Expect.Refused(reply, "refresh without Authorization"));
    }

    [Test]
    [Case("N02a", Level.Info, "A valid token sent as \"Bearer <token>\" (RS 8.2 speaks of bearer tokens)", Sources.Q2Schemes, Basis.Open)]
    public Task Bearer_scheme_is_recorded() => RecordSchemeAsync("Bearer");

    [Test]
    [Case("N02b", Level.Info, "A valid token sent as \"jwt <token>\" (schemes are case-insensitive in HTTP)", Sources.Rfc9110Scheme, Basis.Open)]
    public Task Lower_case_scheme_is_recorded() => RecordSchemeAsync("jwt");

    [Test]
    [Case("N02c", Level.Should, "A valid token under a foreign scheme (\"Basic\", \"Token\") is refused with 401", Sources.Rfc9110Scheme, Basis.Practice)]
    public async Task Foreign_scheme_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh as Basic <token>", $"Basic {token.Raw}"),
            await RefusedAsync("refresh as Token <token>", $"Token {token.Raw}"));
    }

    [Test]
    [Case("N02d", Level.Should, "A valid token glued to the scheme, \"JWT<token>\", is refused with 401 (or 400 for an invalid header)", Sources.Rfc9110Scheme, Basis.Practice)]
    public async Task Missing_space_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(await RefusedAsync("refresh as JWT<token>", $"JWT{token.Raw}", Contract.NotWellFormed));
    }

    [Test]
    [Case("N03", Level.Must, "The scheme with no token (\"JWT\", \"JWT \" and spaces): 401, or 400 for an invalid header", Sources.RefreshJwt401 + "; " + Sources.InvalidHeader, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Empty_token_is_refused() => Expect.All(
        await RefusedAsync("refresh with \"JWT\"", "JWT", Contract.NotWellFormed),
        await RefusedAsync("refresh with \"JWT \"", "JWT ", Contract.NotWellFormed),
        await RefusedAsync("refresh with \"JWT\" and four spaces", "JWT    ", Contract.NotWellFormed));

    [Test]
    [Case("N32", Level.Info, "Two credentials in one header: \"JWT <valid>, JWT <garbage>\"", Sources.Q2Schemes, Basis.Open)]
    public async Task Two_credentials_are_recorded()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshAsync("refresh with two credentials", $"JWT {token.Raw}, JWT not-a-token");
        Observe("status", reply.Status);
        Expect.All(Expect.NoServerError(reply, "refresh with two credentials"));
    }

    private async Task RecordSchemeAsync(string scheme)
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshAsync($"refresh as {scheme} <token>", $"{scheme} {token.Raw}");
        Observe($"{scheme} <token>", reply.Outcome);
        Expect.All(Expect.NoServerError(reply, $"refresh as {scheme} <token>"));
    }
}
