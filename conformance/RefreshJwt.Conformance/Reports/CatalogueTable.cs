using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>The catalogue as a Markdown table: what <c>--list</c> prints and README's catalogue section holds.</summary>
public static class CatalogueTable
{
    public static string Markdown(IEnumerable<CaseInfo> cases)
    {
        var lines = new List<string> { "| ID | Level | Case | Source |", "|---|---|---|---|" };
        lines.AddRange(cases.Select(c => $"| {c.Id} | {c.Level.ToString().ToUpperInvariant()} | {Cell(c.Title)} | {Cell(c.Source)} |"));
        return string.Join('\n', lines) + "\n";
    }

    private static string Cell(string text) => text.Replace("|", "\\|");
}
