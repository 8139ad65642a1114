using System.Diagnostics;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// How the suite judges, shown on whole runs: servers that break a rule only INFO cases or long waits would see fail
/// the run (exit 1) within --max-leeway plus a minute; servers that make a silent choice (clamping ttl, leeway on exp,
/// revoking a refreshed token) pass (exit 0); what a run changes on a mock target is put back.
/// </summary>
public sealed class JudgingProofTests
{
    private static IEnumerable<TestCaseData> BrokenWhereOnlyInvariantsOrWaitsLook()
    {
        yield return Broken(Deviations.FailsOnAComma, "N32");
        yield return Broken(Deviations.TenDayTokenForNullTtl, "T10");
        yield return Broken(Deviations.TtlTimesAThousand, "E01");
        yield return Broken(Deviations.AcceptsForAnHourPastExp, "E01");
    }

    [TestCaseSource(nameof(BrokenWhereOnlyInvariantsOrWaitsLook))]
    public async Task A_server_breaking_a_rule_fails_the_whole_run_in_bounded_time(Deviation deviation, string failing)
    {
        using var server = DeviantServer.Start(deviation);
        var settings = server.Settings();
        var wall = Stopwatch.StartNew();

        var result = await ConformanceRunner.RunAsync(settings, TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(result.Cases.Single(c => c.Case.Id == failing).Final, Is.EqualTo(Verdict.Fail));
        Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(settings.MaxLeeway + 60)));
    }

    [Test]
    public async Task A_server_accepting_tokens_an_hour_past_exp_fails_in_real_time_within_max_leeway_plus_a_minute()
    {
        using var server = DeviantServer.Start(Deviations.AcceptsForAnHourPastExp);
        var settings = server.Settings() with { MockControl = false, MaxLeeway = 5 };
        var wall = Stopwatch.StartNew();

        var result = await ConformanceRunner.RunAsync(settings, TextWriter.Null);

        var expiry = result.Cases.Single(c => c.Case.Id == "E01");
        Assert.That((result.ExitCode, expiry.Final), Is.EqualTo((ExitCodes.Failed, Verdict.Fail)));
        Assert.That(expiry.Reason, Does.Contain("still accepted 5 s past its exp (--max-leeway 5 s)"));
        Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(settings.MaxLeeway + 60)));
    }

    [Test]
    public async Task A_server_that_multiplies_ttl_fails_expiry_at_once_instead_of_waiting()
    {
        using var server = DeviantServer.Start(Deviations.TtlTimesAThousand);
        var wall = Stopwatch.StartNew();

        var result = await ConformanceRunner.RunAsync(server.Settings("E01", "E02", "E03") with { MockControl = false }, TextWriter.Null);

        Assert.That(result.Cases.Single(c => c.Case.Id == "E01").Reason, Does.Contain("could not test expiry (a failed MUST): asked for ttl 1, the target issued a token living 1000 s"));
        Assert.That(result.Cases.Where(c => c.Case.Id != "E01").Select(c => (c.Final, c.Reason)), Is.All.EqualTo((Verdict.Skip, "expiry could not be measured (see E01): asked for ttl 1, the target issued a token living 1000 s, so its expiry cannot be tested without waiting that long")));
        Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task A_server_that_clamps_ttl_passes_with_should_warnings_and_the_clamp_recorded()
    {
        using var server = DeviantServer.Start(Deviations.ClampsTtl);

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}")));
        Assert.That(result.Cases.Where(c => c.Final == Verdict.Warn).Select(c => c.Case.Id), Is.EquivalentTo(new[] { "T04", "T05", "T06", "T07" }));
        var t06 = result.Cases.Single(c => c.Case.Id == "T06").Observations;
        Assert.That(t06.Select(o => (o.Key, o.Value)), Is.EquivalentTo(new[] { ("ttl_86401", "accepted: the token lives 86400 s"), ("ttl_2147483648", "accepted: the token lives 86400 s") }));
    }

    [Test]
    public async Task A_server_that_revokes_a_refreshed_token_passes()
    {
        using var server = DeviantServer.Start(Deviation.None, Upstream.Start(adjust: p => p with { RevokeOnRefresh = true }));

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}")));
    }

    [Test]
    public async Task A_server_with_60_s_of_leeway_passes_waited_out_in_real_time()
    {
        using var server = DeviantServer.Start(Deviation.None, Upstream.Start(adjust: p => p with { LeewaySeconds = 60 }));
        var progress = new StringWriter();
        var wall = Stopwatch.StartNew();

        var result = await ConformanceRunner.RunAsync(server.Settings() with { MockControl = false }, progress);

        TestContext.Out.WriteLine($"whole catalogue against a 60 s-leeway target, waited in real time: {wall.Elapsed.TotalSeconds:0.0} s");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), string.Join("\n", result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}")));
        Assert.That(result.Cases.Where(c => c.Final == Verdict.Warn).Select(c => c.Case.Id), Is.EquivalentTo(new[] { "E03" }));
        Assert.That(result.Leeway!.AcceptedUntil, Is.InRange(51, 60), "the last probe still accepted, the probes a quarter apart");
        Assert.That(result.Leeway.RefusedAt, Is.InRange(60, 63));
        Assert.That(wall.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60 + 60)), "about the leeway more than a run without leeway");
        var waiting = progress.ToString().Split('\n').Where(l => l.Contains("E01:", StringComparison.Ordinal)).ToList();
        Assert.That(waiting, Has.Count.GreaterThanOrEqualTo(60 / 5), "a progress line at least every few seconds while waiting");
    }

    [Test]
    public async Task What_the_run_changed_on_a_mock_target_is_put_back_even_when_the_run_fails()
    {
        using var server = DeviantServer.Start(Deviations.All.Single(d => d.Name == "refresh answers 201"));
        var before = server.Upstream.Mock.Clock.Offset;

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(result.Cases.Single(c => c.Case.Id == "P01").Final, Is.Not.EqualTo(Verdict.Skip), "P01 changed a user's status");
        Assert.That(server.Upstream.Mock.Clock.Offset, Is.EqualTo(before), "the clock was moved (E01, V08) and put back");
        Assert.That(server.Upstream.Mock.Users.FindByEmail("expired@example.com")!.Status, Is.EqualTo(UserStatus.PasswordExpired));
    }

    [Test]
    public async Task Without_mock_control_a_target_admin_api_is_never_touched()
    {
        var adminCalls = 0;
        var counting = new Deviation("counts calls to /__mock", [], Answer: (q, _) =>
        {
            Interlocked.Add(ref adminCalls, q.Path.StartsWith("/__mock", StringComparison.Ordinal) ? 1 : 0);
            return null;
        });
        using var server = DeviantServer.Start(counting);

        var result = await ConformanceRunner.RunAsync(server.Settings("V08", "E01", "P01") with { MockControl = false }, TextWriter.Null);
        var withControl = adminCalls;
        await ConformanceRunner.RunAsync(server.Settings("V08") with { MockControl = true }, TextWriter.Null);

        Assert.That(result.Cases.Single(c => c.Case.Id == "P01").Reason, Does.StartWith("needs --mock-control"));
        Assert.That(withControl, Is.Zero, "no request to /__mock without --mock-control");
        Assert.That(adminCalls, Is.Positive, "the count sees /__mock requests when they are made");
    }

    private static TestCaseData Broken(Deviation deviation, string failing) =>
        new TestCaseData(deviation, failing).SetArgDisplayNames(deviation.Name);
}
