using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>
/// The catalogue as Markdown tables, the cases then the run's invariants, each with what it rests on: what
/// <c>--list</c> prints and README's catalogue section holds.
/// </summary>
public static class CatalogueTable
{
    public static string Markdown(IEnumerable<CaseInfo> cases)
    {
        var lines = new List<string> { "| ID | Level | Case | Source | Rests on |", "|---|---|---|---|---|" };
        lines.AddRange(cases.Select(c => $"| {c.Id} | {Upper(c.Level)} | {Cell(c.Title)} | {Cell(c.Source)} | {Cell(c.Basis.Text)} |"));
        lines.AddRange(["", "Invariants, held on every request of a run whatever case sends it (MUST):", ""]);
        lines.AddRange(["| Invariant | Source | Rests on |", "|---|---|---|"]);
        lines.AddRange(Target.RunInvariants.Rules.Select(r => $"| {Cell(r.Rule)} | {Cell(r.Source)} | {Cell(r.Basis.Text)} |"));
        return string.Join('\n', lines) + "\n";
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Upper(Catalogue.Level level) => level.ToString().ToUpperInvariant();
}
