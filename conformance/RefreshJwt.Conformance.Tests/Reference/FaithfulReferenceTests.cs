using System.Globalization;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>
/// Servers that share no code with the mock, each faithful to docs/contract.md and choosing differently where it is
/// silent, pass the whole catalogue (exit 0); each choice is seen in the run (the observation it shows), so a test
/// cannot pass on a server that ignored its configuration.
/// </summary>
public sealed class FaithfulReferenceTests
{
    private static readonly ReferenceChoices Rs78 = new();

    private static IEnumerable<TestCaseData> Configurations()
    {
        yield return Faithful("minimal claims, message errors", Rs78, "V13", "claims", "exp, iat, uid");
        yield return Faithful("rich claims", Rs78 with { Claims = ClaimSet.Rich }, "V13", "claims", "exp, iat, jti, nbf, role, uid, username");
        yield return Faithful("uid as a number", Rs78 with { Uid = UidKind.Number }, "V13", "uid type", "number");
        yield return Faithful("description and an error code per reason", Rs78 with
        {
            ErrorField = ErrorField.Description,
            ErrorCodes = new Dictionary<Refusal, string>(ReferenceChoices.DocumentedCodes) { [Refusal.MissingToken] = "unauthorized", [Refusal.InvalidToken] = "invalid_token" },
        }, "N01", "error_code", "unauthorized");
        yield return Faithful("empty refusal bodies", Rs78 with { ErrorField = ErrorField.EmptyBody }, "I02", "body fields", "(not a JSON object)");
        yield return Faithful("Bearer accepted", Rs78 with { AcceptBearer = true }, "N02a", "Bearer <token>", "accepted");
        yield return Faithful("clock ten minutes behind", Rs78 with { ClockOffset = TimeSpan.FromMinutes(-10) }, "I01", "iat - local (s)", "~-600");
        yield return Faithful("clock ten minutes ahead", Rs78 with { ClockOffset = TimeSpan.FromMinutes(10) }, "I01", "iat - local (s)", "~600");
        yield return Faithful("refreshed tokens revoked", Rs78 with { RevokeRefreshed = true }, "N33", "the same token refreshed twice", "refused (401)");
        yield return Faithful("60 s of leeway (warns: beyond --expiry-margin)", Rs78 with { LeewaySeconds = 60 }, "E02", "leeway (s)", "60", "E03");
        yield return Faithful("60 s of leeway, refreshed tokens revoked (warns: beyond --expiry-margin)",
            Rs78 with { LeewaySeconds = 60, RevokeRefreshed = true }, "E02", "leeway (s)", "60", "E03");
        yield return Faithful("credentials in a JSON body (RS 7.4)", Rs78 with { Credentials = CredentialStyle.JsonBody }, "A05", "Basic header", "refused (400)");
        yield return Faithful("403 for an expired password", Rs78 with { PasswordExpiredStatus = 403 }, "P02", "status", "403");
        yield return Faithful("ttl clamped to 1..86400 (warns: 400 is the SHOULD)", Rs78 with { Ttl = TtlHandling.Clamp }, "T06", "ttl 86401", "accepted: the token lives 86400 s", "T04", "T05", "T06");
        yield return Faithful("ttl floats truncated (warns: 400 is the SHOULD)", Rs78 with { Ttl = TtlHandling.TruncateFloats }, "T07", "ttl 1.5", "accepted: the token lives 1 s", "T07");
        yield return Faithful("a duplicate claim: the last wins", Rs78 with { DuplicateKeys = DuplicateKeys.LastWins }, "N24", "uid given twice", "accepted, new token uid 1");
        yield return Faithful("a duplicate claim: refused", Rs78, "N24", "uid given twice", "refused (401)");
        yield return Faithful("431 with an HTML page for oversized headers", Rs78 with { OversizedHeaders = OversizedHeaders.Html431 }, "N31", "16 KB", "431");
        yield return Faithful("no header limit: the API refuses oversized tokens", Rs78 with { OversizedHeaders = OversizedHeaders.Unlimited }, "N31", "64 KB", "401");
    }

    [TestCaseSource(nameof(Configurations))]
    public async Task A_faithful_reference_server_passes_and_its_choice_is_seen(
        ReferenceChoices choices, string caseId, string observation, string expected, string[] warns)
    {
        await using var server = await ReferenceServer.StartAsync(choices);

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        var recorded = result.Cases.Single(c => c.Case.Id == caseId).Observations.Single(o => o.Name == observation).Value;
        Assert.Multiple(() =>
        {
            Assert.That(result.Failures(), Is.Empty);
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            var warnings = result.Cases.Where(c => c.Verdict == Verdict.Warn).ToList();
            Assert.That(warnings.Select(c => c.Case.Id), Is.EquivalentTo(warns), "the SHOULD warnings this choice gives: " + string.Join("; ", warnings.Select(c => $"{c.Case.Id}: {c.Reason}")));
            Assert.That(result.Cases.Where(c => c.Verdict == Verdict.Skip).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty, "the server has every ability");
            Assert.That(Matches(recorded, expected), Is.True, $"{caseId} recorded {observation} = {recorded}, expected {expected}");
        });
    }

    [Test]
    public async Task A_reference_cluster_without_the_admin_api_passes_and_expiry_is_waited_out()
    {
        await using var server = await ReferenceServer.StartAsync(Rs78 with { AdminApi = false });

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.Failures(), Is.Empty);
        Assert.That(result.Cases.Where(c => c.Verdict == Verdict.Skip).Select(c => c.Case.Id), Is.EquivalentTo(new[] { "P01" }), "only a mock's admin API can expire a password mid-token");
        Assert.That(result.Leeway?.Method, Is.EqualTo(Target.LeewayMeasurement.Waited));
    }

    /// <summary>"~N": N within two seconds either way, as a clock offset is measured over a request.</summary>
    private static bool Matches(string recorded, string expected) => expected.StartsWith('~')
        ? long.TryParse(recorded, CultureInfo.InvariantCulture, out var n) && Math.Abs(n - long.Parse(expected[1..], CultureInfo.InvariantCulture)) <= 2
        : recorded == expected;

    private static TestCaseData Faithful(string name, ReferenceChoices choices, string caseId, string observation, string expected, params string[] warns) =>
        new TestCaseData(choices, caseId, observation, expected, warns).SetArgDisplayNames(name);
}
