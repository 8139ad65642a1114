using System.Text;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary><c>summary.md</c>: the run at a glance, ready for a CI job summary ($GITHUB_STEP_SUMMARY).</summary>
public static class MarkdownSummary
{
    public static string Render(RunResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"## refresh_jwt conformance: {(result.ExitCode == ExitCodes.Ok ? "PASSED" : "FAILED")}");
        text.AppendLine();
        text.AppendLine($"Target: {result.Target} · authorize: {result.AuthorizeStyle} · snapshots: {result.SnapshotSet ?? "none"} · {result.Duration.TotalSeconds:0.0} s");
        text.AppendLine();
        text.AppendLine($"**{result.Summary}**");
        text.AppendLine();
        text.AppendLine("| Level | Passed | Failed | Warnings | Skipped | INFO recorded |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var level in Enum.GetValues<Level>())
        {
            var cases = result.Cases.Where(c => c.Case.Level == level).ToList();
            text.AppendLine($"| {level.ToString().ToUpperInvariant()} | {result.Count(Verdict.Pass, cases)} | {result.Count(Verdict.Fail, cases)} | {result.Count(Verdict.Warn, cases)} | {result.Count(Verdict.Skip, cases)} | {result.Count(Verdict.Info, cases)} |");
        }

        if (result.OutsideCases.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### Invariants broken outside any case");
            text.AppendLine();
            text.AppendJoin("", result.OutsideCases.Select(v => $"- {Cell(v)}\n"));
        }

        Section(text, "Failures", result.Cases.Where(c => c.Final == Verdict.Fail));
        Section(text, "Warnings", result.Cases.Where(c => c.Final == Verdict.Warn));
        Section(text, "Skipped", result.Cases.Where(c => c.Final == Verdict.Skip));
        var recorded = result.Cases.Where(c => c.Final == Verdict.Info && c.Observations.Count > 0).ToList();
        if (recorded.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("### INFO recorded");
            text.AppendLine();
            text.AppendLine("| ID | Case | Observed |");
            text.AppendLine("|---|---|---|");
            foreach (var c in recorded)
            {
                text.AppendLine($"| {c.Case.Id} | {Cell(c.Case.Title)} | {Cell(c.InfoText)} |");
            }
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IEnumerable<CaseResult> cases)
    {
        var list = cases.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"### {title}");
        text.AppendLine();
        foreach (var c in list)
        {
            text.AppendLine($"- **{c.Case.Id}** ({c.Case.Level.ToString().ToUpperInvariant()}) {c.Case.Title}: {Cell((c.Explanation ?? "").Split('\n')[0])}");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
