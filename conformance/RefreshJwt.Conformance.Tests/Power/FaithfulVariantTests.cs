using System.Globalization;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// Servers that follow every documented rule but choose differently where the docs are silent pass the whole
/// catalogue; each choice shows up as a recorded INFO value instead of a failure.
/// </summary>
public sealed class FaithfulVariantTests
{
    private static IEnumerable<TestCaseData> Variants()
    {
        yield return Variant("RS 7.4: body credentials on authorize", "A05", "JSON body", v => v == "accepted", profile: "rs-7.4");
        yield return Variant("RS 8.2: Bearer accepted, description in errors", "N02a", "Bearer <token>", v => v == "accepted", profile: "rs-8.2");
        yield return Variant("errors without a body", "I02", "body fields", v => v == "(not a JSON object)", p => p with { ErrorMessageField = ErrorMessageField.None });
        yield return Variant("extra claims", "V13", "claims", v => v == "cluster, exp, iat, jti, role, uid", p => p with
        {
            ExtraClaims = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["role"] = System.Text.Json.JsonSerializer.SerializeToElement("admin"),
                ["jti"] = System.Text.Json.JsonSerializer.SerializeToElement("0001"),
                ["cluster"] = System.Text.Json.JsonSerializer.SerializeToElement("cluster.example"),
            },
        });
        yield return Variant("clock ten minutes ahead", "I01", "iat - local (s)", v => Math.Abs(int.Parse(v, CultureInfo.InvariantCulture) - 600) <= 2, clockOffset: TimeSpan.FromMinutes(10));
        yield return Variant("clock ten minutes behind", "I01", "iat - local (s)", v => Math.Abs(int.Parse(v, CultureInfo.InvariantCulture) + 600) <= 2, clockOffset: TimeSpan.FromMinutes(-10));
        yield return Variant("403 for an expired password on authorize", "P02", "status", v => v == "403", p => p with { PasswordExpiredStatus = 403 });
        yield return Variant("a refreshed token is revoked", "N33", "the same token refreshed twice", v => v.StartsWith("refused", StringComparison.Ordinal), p => p with { RevokeOnRefresh = true });
        yield return Variant("no ttl keeps the old lifetime", "I03", "lifetime", v => v == "600", p => p with { RefreshWithoutTtl = RefreshLifetime.Keep });
        yield return Variant(
            "no ttl keeps the old lifetime, V09's reading", "V09", "reading", v => v == "the presented token's lifetime (120 s)", p => p with { RefreshWithoutTtl = RefreshLifetime.Keep });
        yield return Variant("no ttl gives the default, V09's reading", "V09", "reading", v => v == "the default 300 s");
        yield return Variant("422 for a bad ttl (warns: 400 is the SHOULD)", "T04", "ttl 0", v => v.StartsWith("refused: 422", StringComparison.Ordinal), p => p with { InvalidTtlStatus = 422 }, warns: ["T04", "T05", "T06", "T07", "T08"]);
        yield return Variant("60 s of leeway on exp, on the mock's clock (warns: beyond --expiry-margin)", "E02", "leeway (s)", v => v == "60", p => p with { LeewaySeconds = 60 }, warns: ["E03"]);
        yield return Variant("scheme read case-insensitively", "N02b", "jwt <token>", v => v == "accepted", p => p with { SchemeCaseSensitive = false });
    }

    [TestCaseSource(nameof(Variants))]
    public async Task A_faithful_variant_passes_and_its_choice_is_recorded(
        string profile, Func<MockProfile, MockProfile>? adjust, TimeSpan clockOffset, string caseId, string observation, Func<string, bool> expected, string[] warns)
    {
        using var server = DeviantServer.Start(Deviation.None, Upstream.Start(profile, adjust, clockOffset));

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}")));
        Assert.That(result.Cases.Where(c => c.FailsRun || (c.Verdict == Catalogue.Verdict.Warn && !warns.Contains(c.Case.Id))).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty);
        Assert.That(result.Cases.Where(c => c.Verdict == Catalogue.Verdict.Warn).Select(c => c.Case.Id), Is.EquivalentTo(warns), "the SHOULD warnings this choice gives");
        var recorded = result.Cases.Single(c => c.Case.Id == caseId).Observations.Single(o => o.Name == observation).Value;
        Assert.That(expected(recorded), Is.True, $"{caseId} recorded {observation} = {recorded}");
    }

    [Test]
    public async Task A_server_that_answers_400_to_tokens_that_are_not_well_formed_passes()
    {
        var invalidHeader = new RefusalShape { Status = 400, ErrorCode = "invalid_header" };
        using var server = DeviantServer.Start(Deviation.None, Upstream.Start(adjust: p => p with
        {
            Refusals = new Dictionary<string, RefusalShape>
            {
                [RefusalReasons.Malformed] = invalidHeader,
                [RefusalReasons.EmptyToken] = invalidHeader,
            },
        }));

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.Cases.Where(c => c.FailsRun || c.Verdict == Catalogue.Verdict.Warn).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty);
        string[] refusedWith400 = ["N03", "N06", "N07", "N28", "N29", "N30", "F01"];
        Assert.That(
            refusedWith400.Where(id => !result.Cases.Single(c => c.Case.Id == id).Exchanges.Any(x => x.Normalized.Status == 400)),
            Is.Empty,
            "each of these cases saw a 400 for a token that is not well-formed, and passed");
    }

    [Test]
    public async Task A_server_whose_date_header_disagrees_with_its_token_clock_passes()
    {
        using var server = DeviantServer.Start(Deviation.None, Upstream.Start(clockOffset: TimeSpan.FromMinutes(10)), systemDate: true);

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty);
        var skew = result.Cases.Single(c => c.Case.Id == "V08").Observations.Single(o => o.Name == "iat - Date (s)").Value;
        Assert.That(int.Parse(skew, CultureInfo.InvariantCulture), Is.InRange(590, 700), "V08 records the disagreement instead of failing on it");
    }

    [Test]
    public async Task A_cluster_without_the_mock_admin_api_passes_and_expiry_is_waited_out()
    {
        using var server = DeviantServer.Start(Deviation.NoAdminApi);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await ConformanceRunner.RunAsync(server.Settings() with { MockControl = false }, TextWriter.Null);

        Assert.That(result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty);
        Assert.That(result.Cases.Where(c => c.Verdict == Catalogue.Verdict.Skip).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.EquivalentTo(new[] { "P01: needs --mock-control: only a mock's admin API can expire a password while its user holds a token" }));
        Assert.That(result.Cases.Single(c => c.Case.Id == "E01").Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "the ttl 1 s token is waited out in real time");
        Assert.That(result.Leeway, Is.EqualTo(new Target.LeewayMeasurement(true, 0, 0, 300, "waited", 401, result.Leeway?.Refusal)), "a target without leeway is refused at the first probe, just after exp");
        TestContext.Out.WriteLine($"whole catalogue, waiting in real time: {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static TestCaseData Variant(
        string name, string caseId, string observation, Func<string, bool> expected,
        Func<MockProfile, MockProfile>? adjust = null, string profile = "rs-7.8", TimeSpan clockOffset = default, string[]? warns = null) =>
        new TestCaseData(profile, adjust, clockOffset, caseId, observation, expected, warns ?? []).SetArgDisplayNames(name);
}
