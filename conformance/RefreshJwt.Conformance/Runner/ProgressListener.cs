using NUnit.Framework.Interfaces;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Runner;

/// <summary>Turns NUnit's per-test events into case results and one progress line per case.</summary>
internal sealed class ProgressListener(TextWriter output, TargetSession session) : ITestListener
{
    private readonly Dictionary<string, CaseInfo> _catalogue = ConformanceRunner.Catalogue().ToDictionary(c => c.Id);

    public List<CaseResult> Results { get; } = [];

    public void TestFinished(ITestResult result)
    {
        // After a harness error nothing more is judged: the run ends with exit 3 (or 2), not with verdicts.
        if (result.Test.IsSuite || result.Test.Properties.Get(CaseAttribute.IdProperty) is not string id || session.Stopped is not null)
        {
            return;
        }

        var info = _catalogue[id];
        var record = session.Records.LastOrDefault(r => r.CaseId == id);
        var duration = TimeSpan.FromSeconds(result.Duration);
        var caseResult = record is null
            ? new CaseResult(info, Verdict.Fail, session.Redactor.Redact(result.Message), [], [], null, duration)
            : new CaseResult(info, record.Verdict, session.Redactor.Redact(record.Reason), record.Observations, record.Exchanges, record.Snapshot, duration) { Violations = record.Violations.Select(session.Redactor.Redact).ToList()! };

        // Whatever the record says, a case NUnit saw fail never reads PASS (or INFO, or SKIP).
        if (result.ResultState.Status == TestStatus.Failed && caseResult.Final != Verdict.Fail)
        {
            caseResult = caseResult with { Verdict = Verdict.Fail, Reason = session.Redactor.Redact(result.Message) };
        }

        Results.Add(caseResult);
        lock (output)
        {
            output.WriteLine(Line(caseResult));
            output.Flush();
        }

        session.Said();
    }

    /// <summary><c>PASS  MUST  V01   A valid token is refreshed with 200</c>, then the reason, indented, when there is one to tell.</summary>
    public static string Line(CaseResult result)
    {
        var line = $"{result.Label,-5} {result.Case.Level.ToString().ToUpperInvariant(),-6} {result.Case.Id,-5} {result.Case.Title}";
        var details = result.Explanation?.Split('\n') ?? [];
        return string.Join("\n", details.Select(l => "                   " + l).Prepend(line));
    }

    public void TestStarted(ITest test)
    {
    }

    public void TestOutput(TestOutput output)
    {
    }

    public void SendMessage(TestMessage message)
    {
    }
}
