using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>
/// A refresh that gets no answer (a redirect to another origin, silence until --timeout, a reset) satisfies no
/// expectation: every case that counts answers fails and says how many came, and a redirect is reported as one.
/// </summary>
public sealed class UnansweredTests
{
    private static readonly string[] Counting = ["V02", "E01", "E02", "E03", "N33", "R01"];

    private static IEnumerable<TestCaseData> NoAnswers()
    {
        yield return new TestCaseData(Answer.Redirect(307), "redirect (307) to http://127.0.0.2:9").SetArgDisplayNames("307 to another origin");
        yield return new TestCaseData(Answer.Redirect(308), "redirect (308) to http://127.0.0.2:9").SetArgDisplayNames("308 to another origin");
        yield return new TestCaseData(Answer.Silence, "no complete answer within --timeout 3 s").SetArgDisplayNames("never answers");
        yield return new TestCaseData(Answer.Reset, "no response").SetArgDisplayNames("resets the connection");
    }

    [TestCaseSource(nameof(NoAnswers))]
    public async Task A_refresh_without_an_answer_fails_every_case_that_counts_answers(Answer refresh, string reported)
    {
        using var cluster = new HostileCluster(r => r.Path == "/v1/users/refresh_jwt" ? refresh : null);

        var result = await ConformanceRunner.RunAsync(cluster.Settings(Counting), TextWriter.Null);

        var cases = result.Cases.ToDictionary(c => c.Case.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
            foreach (var id in Counting)
            {
                Assert.That(cases[id].Final, Is.EqualTo(Verdict.Fail), $"{id}: {cases[id].Reason}");
                Assert.That(cases[id].Reason, Does.Contain(reported), id);
            }

            Assert.That(cases["R01"].Reason, Does.Contain("only 0 of 6 were answered"));
            Assert.That(cases["N33"].Reason, Does.Contain("only 0 of 4 were answered"));
            Assert.That(cases["E02"].Reason, Does.Contain("0 of 1 refreshes past exp were answered"));
            Assert.That(cases["E02"].Observations.Select(o => o.Name), Does.Not.Contain("refused at (s past exp)"));
        });
    }

    [Test]
    public async Task A_redirect_is_never_followed()
    {
        var followed = 0;
        using var elsewhere = new HostileServer(_ => { Interlocked.Increment(ref followed); return Answer.Json(200, "{}"); });
        using var cluster = new HostileCluster(r => r.Path == "/v1/users/refresh_jwt"
            ? Answer.Http(307, "", null, ("Location", elsewhere.Url + "/v1/users/refresh_jwt"))
            : null);

        var result = await ConformanceRunner.RunAsync(cluster.Settings("V01"), TextWriter.Null);

        var v01 = result.Cases.Single();
        Assert.That((followed, v01.Final), Is.EqualTo((0, Verdict.Fail)));
        Assert.That(v01.Exchanges[^1].TransportError, Does.StartWith($"redirect (307) to {elsewhere.Url}/v1/users/refresh_jwt, not followed"));
    }
}
