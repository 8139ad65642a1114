using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>Writes a run's four reports into one folder and returns their paths.</summary>
public static class ReportWriter
{
    public const string Junit = "junit.xml";
    public const string Html = "report.html";
    public const string Markdown = "summary.md";
    public const string Json = "results.json";

    public static IReadOnlyList<string> Write(RunResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var reports = new (string Name, string Content)[]
        {
            (Junit, JunitReport.Render(result)),
            (Html, HtmlReport.Render(result)),
            (Markdown, MarkdownSummary.Render(result)),
            (Json, JsonResults.Render(result)),
        };
        foreach (var (name, content) in reports)
        {
            File.WriteAllText(Path.Combine(directory, name), content);
        }

        return reports.Select(r => Path.Combine(directory, r.Name)).ToList();
    }
}
