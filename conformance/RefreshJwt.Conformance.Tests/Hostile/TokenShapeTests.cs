using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>
/// Targets issuing odd tokens and bodies still get a verdict for every case (never the harness's exit 3); a target
/// issuing unsigned tokens fails on the signing invariant, named as such.
/// </summary>
public sealed class TokenShapeTests
{
    [TestCase("none", "")]
    [TestCase("NoNe", "")]
    [TestCase("nONE", "c2ln")]
    [TestCase("HS256", "")]
    public async Task A_target_issuing_unsigned_tokens_fails_on_the_signing_invariant(string alg, string signature)
    {
        var header = HostileCluster.Encode($"{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
        using var cluster = new HostileCluster(mint: (_, claims) => $"{header}.{HostileCluster.Encode(claims)}.{signature}");

        var result = await ConformanceRunner.RunAsync(cluster.Settings("V01", "N07", "R01"), TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(result.OutsideCases, Has.Some.Contain("the issued token is unsigned"));
        foreach (var id in new[] { "V01", "N07", "R01" })
        {
            var verdict = result.Cases.Single(c => c.Case.Id == id);
            Assert.That(verdict.Final, Is.EqualTo(Verdict.Fail), id);
            Assert.That(verdict.Reason, Does.Contain($"the issued token is unsigned (alg \"{alg}\"").And.Not.Contain("did not issue"), id);
        }
    }

    private const string LoneSurrogates = "\"uid\":1,\"name\":\"\\ud800\",\"\\udfff\":\"\\ud800\\u0041\"";

    [Test]
    public async Task Lone_surrogates_in_claims_and_error_bodies_get_verdicts_not_exit_3()
    {
        using var cluster = new HostileCluster(
            r => r.Path == "/v1/users/refresh_jwt" && r.Body.Contains("\"ttl\"", StringComparison.Ordinal)
                ? Answer.Json(400, "{\"error_code\":\"\\ud800\",\"\\udc00\":\"x\"}")
                : null,
            (header, claims) => HostileCluster.Signed(header, claims.Replace("\"uid\":1", LoneSurrogates, StringComparison.Ordinal)))
        {
            UnauthorizedBody = "{\"error_code\":\"\\udbff\",\"message\":\"\\ud800\\ud800\"}",
        };

        var result = await ConformanceRunner.RunAsync(cluster.Settings() with { Cases = [] }, TextWriter.Null);

        Assert.That(result.Cases, Has.Count.EqualTo(ConformanceRunner.Catalogue().Count));
        Assert.That(result.Cases.Where(c => c.Final == Verdict.Fail).Select(c => c.Reason), Has.All.Not.Empty);
        Assert.That(result.Cases.Single(c => c.Case.Id == "V01").Final, Is.EqualTo(Verdict.Pass));
    }
}
