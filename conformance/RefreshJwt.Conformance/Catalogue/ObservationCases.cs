namespace RefreshJwt.Conformance.Catalogue;

/// <summary>What the docs leave open (docs/contract.md, open questions), recorded so a later run can be held to it.</summary>
[Order(10)]
public sealed class ObservationCases : ConformanceCases
{
    [Test]
    [Case("I01", Level.Info, "The target's clock against this machine's (Date header and iat of the run's first token)", Sources.Q8Clock, Basis.Open)]
    public void Clock_offset_is_recorded()
    {
        SkipUnless(Target.FirstAuthorize is not null, "no authorize response to read the target's clock from");
        var (reply, local) = Target.FirstAuthorize!.Value;
        Observe("Date - local (s)", reply.Date is { } date ? ((long)Math.Round((date - local).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no Date header");
        Observe("iat - local (s)", reply.Token?.IssuedAt is { } iat ? (iat - local.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no iat");
    }

    [Test]
    [Case("I02", Level.Info, "What a refused refresh looks like: status, content type, body fields, error_code, WWW-Authenticate", Sources.Q1Refusals, Basis.Open)]
    public async Task Refusal_shape_is_recorded()
    {
        var token = await TokenAsync();
        var reply = await Api.RefreshAsync("refresh with a broken signature", $"JWT {Tokens.TokenForge.FlippedSignature(token)}");
        ObserveRefusal(reply);
    }

    [Test]
    [Case("I03", Level.Info, "Refreshing a 600 s token without a body: the default 300 s, or the old 600 s?", Sources.Q4RefreshLifetime, Basis.Open)]
    public async Task Lifetime_without_body_is_recorded()
    {
        var token = await TokenAsync(ttl: 600);
        var reply = await Api.RefreshTokenAsync("refresh a 600 s token without a body", token.Raw, ttl: null);
        Observe("lifetime", reply.Token?.Lifetime?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"no token ({reply.Status})");
    }

    [Test]
    [Case("N33", Level.Info, "Replay: the old token after a refresh, one token refreshed twice, four refreshes at once", Sources.Q4RefreshLifetime, Basis.Open)]
    public async Task Replay_is_recorded()
    {
        var token = await TokenAsync();
        var first = await Api.RefreshTokenAsync("refresh", token.Raw, ttl: null);
        var again = await Api.RefreshTokenAsync("refresh the same token again", token.Raw, ttl: null);
        Observe("the same token refreshed twice", again.Outcome);
        var fresh = await TokenAsync();
        var parallel = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Api.RefreshTokenAsync($"parallel refresh {i} of 4", fresh.Raw, ttl: null)));
        Observe("four parallel refreshes accepted", parallel.Count(r => r.AccessToken is not null));
        RequireAnswers(parallel, parallel.Length, "four parallel refreshes");
        RequireAnswers([first, again], 2, "refresh, then the same token again");
        Expect.All(Expect.NoServerError(first, "refresh"), Expect.NoServerError(again, "second refresh"));
    }
}
