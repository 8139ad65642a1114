using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>Writes a run's four reports into one folder and returns their paths.</summary>
public static class ReportWriter
{
    public const string Junit = "junit.xml";
    public const string Html = "report.html";
    public const string Markdown = "summary.md";
    public const string Json = "results.json";

    /// <summary>The details of the harness breaking (exit 3), beside the reports.</summary>
    public const string ErrorLog = "refresh-jwt-conformance-error.log";

    /// <summary>
    /// Removes the reports and error log of an earlier run before this one starts, so that a run ending early leaves
    /// none of them to be read as its own. Throws when the folder cannot be made or emptied of them.
    /// </summary>
    public static void Clear(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in new[] { Junit, Html, Markdown, Json, ErrorLog })
        {
            File.Delete(Path.Combine(directory, name));
        }
    }

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
