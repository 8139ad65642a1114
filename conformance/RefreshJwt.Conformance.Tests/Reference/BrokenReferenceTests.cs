using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>
/// The proof of power against servers that share no code with the mock: a reference server that breaks a documented
/// rule fails the run (exit 1), and the case that checks the rule is among those that fail it.
/// </summary>
public sealed class BrokenReferenceTests
{
    private static IEnumerable<TestCaseData> Configurations()
    {
        yield return Broken("refresh answers 200 to a token an hour past its exp", new() { LeewaySeconds = 3600 }, "E01");
        yield return Broken("ttl 86401 buys a token living 86401 s", new() { Ttl = TtlHandling.Unchecked }, "T06");
        yield return Broken("a ttl out of range is a 500", new() { Ttl = TtlHandling.Throw }, "T04", "T05", "T06");
        yield return Broken("the signature is not checked", new() { VerifySignature = false }, "N07", "N10", "N11", "N17");
    }

    [TestCaseSource(nameof(Configurations))]
    public async Task A_broken_reference_server_fails_the_run(ReferenceChoices choices, string[] failing)
    {
        await using var server = await ReferenceServer.StartAsync(choices);

        var result = await ConformanceRunner.RunAsync(server.Settings(), TextWriter.Null);

        TestContext.Out.WriteLine(string.Join('\n', result.Failures()));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(result.Cases.Where(c => failing.Contains(c.Case.Id)).Select(c => (c.Case.Id, c.Final)), Is.EquivalentTo(failing.Select(id => (id, Verdict.Fail))));
    }

    [Test]
    public async Task A_revoking_reference_server_accepting_tokens_an_hour_past_exp_fails_the_run()
    {
        await using var server = await ReferenceServer.StartAsync(new() { LeewaySeconds = 3600, RevokeRefreshed = true });

        var result = await ConformanceRunner.RunAsync(server.Settings("E01", "E02"), TextWriter.Null);

        TestContext.Out.WriteLine(string.Join('\n', result.Cases.SelectMany(c => c.Observations.Select(o => $"{c.Case.Id} {o.Name}: {o.Value}"))));
        Assert.That(result.Cases.Single(c => c.Case.Id == "E01").Final, Is.EqualTo(Verdict.Fail));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
    }

    private static TestCaseData Broken(string name, ReferenceChoices choices, params string[] failing) =>
        new TestCaseData(choices, failing).SetArgDisplayNames(name);
}
