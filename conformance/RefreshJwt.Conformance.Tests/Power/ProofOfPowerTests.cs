using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// The suite tells a faithful server from a broken one: every MUST case fails against some server that breaks the
/// rule it checks, and no case fails against the faithful proxy those broken servers are built from.
/// </summary>
public sealed class ProofOfPowerTests
{
    private static IEnumerable<TestCaseData> BrokenServers =>
        Deviations.All.Select(d => new TestCaseData(d).SetArgDisplayNames(d.Name));

    [Test]
    public void Every_must_case_is_broken_by_some_deviation()
    {
        var must = ConformanceRunner.Catalogue().Where(c => c.Level == Level.Must).Select(c => c.Id);
        var broken = Deviations.All.SelectMany(d => d.Breaks).ToHashSet();

        Assert.That(must.Where(id => !broken.Contains(id)), Is.Empty, "MUST cases no deviation shows failing");
    }

    [Test]
    public async Task The_faithful_proxy_passes_the_whole_catalogue()
    {
        using var server = DeviantServer.Start(Deviation.None);

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        Assert.That(result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}"), Is.Empty);
        Assert.That(result.Cases.Where(c => c.Verdict == Verdict.Skip).Select(c => c.Case.Id), Is.Empty, "nothing should be skipped: the proxy has every ability");
    }

    [TestCaseSource(nameof(BrokenServers))]
    public async Task A_broken_server_fails_the_cases_it_breaks(Deviation deviation)
    {
        using var server = DeviantServer.Start(deviation);

        var result = await ConformanceRunner.RunAsync(server.Settings(deviation.Breaks), TextWriter.Null);

        Assert.That(result.Cases.Select(c => c.Case.Id), Is.EquivalentTo(deviation.Breaks));
        Assert.That(result.Cases.Where(c => !c.FailsRun).Select(c => $"{c.Case.Id} {c.Verdict}: {c.Reason}"), Is.Empty, "cases that did not fail");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
    }

    [Test]
    public async Task A_failed_must_on_a_reading_says_it_is_the_projects_reading_and_what_the_docs_say()
    {
        using var server = DeviantServer.Start(Deviations.All.Single(d => d.Name == "refresh names another user"));

        var result = await ConformanceRunner.RunAsync(server.Settings("V07", "V01"), TextWriter.Null);

        var v07 = result.Cases.Single(c => c.Case.Id == "V07");
        Assert.That(v07.Reason, Does.StartWith(
            "the project's reading: a refreshed token names the same user as the token presented (docs/contract.md#reading-same-user); the docs say: "));
        Assert.That(v07.Reason, Does.Contain("\nrefresh: the presented token names"));
        Assert.That(result.Cases.Single(c => c.Case.Id == "V01").Case.Basis.FailurePreamble, Is.Null, "a documented case needs no preamble");
    }

    [Test]
    public async Task Only_the_wrong_password_probe_catches_a_server_that_checks_the_username_but_not_the_password()
    {
        var anyPassword = new Deviation("authorize takes any password of a known user", ["A02"], Request: (q, u) =>
            q.IsAuthorize && q.BasicUser is { } user && u.Mock.Users.FindByEmail(user) is { } known ? q.WithAuthorization(Deviations.Basic(user, known.Password!)) : q);
        using var server = DeviantServer.Start(anyPassword);

        var unprobed = await ConformanceRunner.RunAsync(server.Settings("A02"), TextWriter.Null);
        var probed = await ConformanceRunner.RunAsync(server.Settings("A02") with { WrongPasswordProbe = true }, TextWriter.Null);

        Assert.That((unprobed.Cases.Single().Verdict, probed.Cases.Single().Verdict), Is.EqualTo((Verdict.Pass, Verdict.Fail)));
    }

    [Test]
    public async Task A_should_failure_warns_and_fails_only_under_strict()
    {
        // N14's token is signed with the target's own key under HS512: accepting it is lax (SHOULD), not a forgery accepted (MUST).
        var launders = Deviations.All.Single(d => d.Name == "refresh skips the signature check");
        using var server = DeviantServer.Start(launders);

        var lenient = await ConformanceRunner.RunAsync(server.Settings("N14"), TextWriter.Null);
        var strict = await ConformanceRunner.RunAsync(server.Settings("N14") with { Strict = true }, TextWriter.Null);

        Assert.That((lenient.Cases.Single().Verdict, lenient.ExitCode), Is.EqualTo((Verdict.Warn, ExitCodes.Ok)));
        Assert.That((strict.Cases.Single().Verdict, strict.ExitCode), Is.EqualTo((Verdict.Fail, ExitCodes.Failed)));
    }
}
