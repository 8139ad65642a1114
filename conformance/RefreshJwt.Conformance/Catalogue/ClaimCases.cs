using System.Text.Json.Nodes;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// N14–N24: validly signed tokens with odd headers or claims. Only meaningful when the suite can sign as the target
/// does, so these run against the embedded mock (or with RS_SIGNING_KEY) and are skipped elsewhere.
/// </summary>
[Order(7)]
public sealed class ClaimCases : ConformanceCases
{
    [Test]
    [Case("N14", Level.Should, "A well-formed token under an algorithm the target does not issue (HS512 for HS256): 401", Sources.Rfc8725Algorithms, Basis.Practice)]
    public async Task Other_algorithm_is_refused()
    {
        var key = RequireSigningKey();
        var token = await TokenAsync();
        var other = token.Algorithm == "HS512" ? "HS384" : "HS512";
        Expect.All(await RefusedAsync($"refresh signed with {other}", $"JWT {SignedAsTarget(TokenForge.Resign(token, key, h => h["alg"] = other))}"));
    }

    [Test]
    [Case("N18", Level.Should, "A \"crit\" header naming an unknown extension: 401", Sources.Rfc7515Crit, Basis.Practice)]
    public async Task Unknown_critical_header_is_refused()
    {
        var key = RequireSigningKey();
        var token = await TokenAsync();
        var forged = SignedAsTarget(TokenForge.Resign(token, key, h => { h["crit"] = new JsonArray("x-unknown"); h["x-unknown"] = true; }));
        Expect.All(await RefusedAsync("refresh with crit [\"x-unknown\"]", $"JWT {forged}"));
    }

    [Test]
    [Case("N21", Level.Should, "A token not valid before an hour from now (nbf): 401", Sources.Rfc7519Nbf, Basis.Practice)]
    public async Task Future_nbf_is_refused()
    {
        var key = RequireSigningKey();
        var token = await TokenAsync();
        var forged = SignedAsTarget(TokenForge.Resign(token, key, changeClaims: c => c["nbf"] = (token.IssuedAt ?? 0) + 3600));
        Expect.All(await RefusedAsync("refresh with nbf an hour ahead", $"JWT {forged}"));
    }

    [Test]
    [Case("N22", Level.Info, "iat in the future, no exp, no iat: what the target accepts", Sources.Rfc7519Exp, Basis.Open)]
    public async Task Unusual_times_are_recorded()
    {
        var key = RequireSigningKey();
        var token = await TokenAsync();
        await RecordAsync("iat an hour ahead", TokenForge.Resign(token, key, changeClaims: c => c["iat"] = (token.IssuedAt ?? 0) + 3600));
        await RecordAsync("no exp", TokenForge.Resign(token, key, changeClaims: c => c.Remove("exp")));
        await RecordAsync("no iat", TokenForge.Resign(token, key, changeClaims: c => c.Remove("iat")));
    }

    [Test]
    [Case("N23", Level.Should, "Claims of the wrong type (exp as text, null, true, 1e300; uid as number, array, null): no token unless the claim is usable, never a 5xx", Sources.Rfc7519Claims, Basis.Practice)]
    public async Task Mistyped_claims_are_not_a_server_error()
    {
        // Without the target's key the tokens are refused for their signature; a server that reads claims first still shows.
        var key = Target.SigningKey ?? TokenForge.AttackerKey;
        Observe("signed with", Target.SigningKey is null ? "an attacker's key (the target's is unknown)" : "the target's key");
        var token = await TokenAsync();
        // An exp that is not a number, or lies in the past, can never make a token valid; the rest only must not crash.
        (string Name, JsonNode? Value, bool Unusable)[] variants =
        [
            ("exp", "tomorrow", true), ("exp", null, true), ("exp", true, true), ("exp", -1, true), ("exp", 1e300, false),
            ("uid", 1, false), ("uid", new JsonArray("1"), false), ("uid", null, false),
        ];
        var problems = new List<string?>();
        foreach (var (name, value, unusable) in variants)
        {
            var label = $"refresh with {name} = {value?.ToJsonString() ?? "null"}";
            var odd = TokenForge.Resign(token, key, changeClaims: c => c[name] = value?.DeepClone());
            var reply = await Api.RefreshAsync(label, $"JWT {(Target.SigningKey is null ? odd : SignedAsTarget(odd))}");
            Observe(label, reply.Outcome);
            problems.Add(Expect.NoServerError(reply, label));
            problems.Add(unusable ? Expect.NoToken(reply, label) : null);
        }

        Expect.All(problems);
    }

    [Test]
    [Case("N24", Level.Info, "A claim given twice (uid \"999\" then the genuine uid): refused, or the last one wins?", Sources.Rfc7519Duplicates, Basis.Open)]
    public async Task Duplicate_claims_are_recorded()
    {
        var key = RequireSigningKey();
        var token = await TokenAsync();
        var claims = TokenForge.ClaimsOf(token);
        var genuineUid = claims["uid"]?.ToJsonString() ?? "\"1\"";
        claims.Remove("uid");
        var json = claims.ToJsonString().TrimEnd('}') + $",\"uid\":\"999\",\"uid\":{genuineUid}}}";
        await RecordAsync("uid given twice", TokenForge.SignHmac(TokenForge.HeaderOf(token), json, key));
    }

    /// <summary>Records what the target makes of a token the suite signed with its own key.</summary>
    private async Task RecordAsync(string what, string forged)
    {
        SignedAsTarget(forged);
        var reply = await Api.RefreshAsync($"refresh with {what}", $"JWT {forged}");
        Observe(what, reply.AccessToken is null ? reply.Outcome : $"accepted, new token uid {reply.Token?.User?.Value ?? "?"}");
        Expect.All(Expect.NoServerError(reply, $"refresh with {what}"));
    }
}
