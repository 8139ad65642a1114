using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// README's case catalogue is the one <c>--list</c> prints, and every source a case or the docs cite is one a reader
/// can open: a public URL, or a section of the project's own <c>docs/contract.md</c> that exists.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(MockServer.Fixtures.Locate(), ".."));

    [Test]
    public void Readme_catalogue_is_the_listed_catalogue()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        const string start = "<!-- catalogue:start -->\n";
        var section = readme[(readme.IndexOf(start, StringComparison.Ordinal) + start.Length)..readme.IndexOf("<!-- catalogue:end -->", StringComparison.Ordinal)];

        Assert.That(section, Is.EqualTo(CatalogueTable.Markdown(ConformanceRunner.Catalogue())), "refresh README.md's catalogue from ./run-conformance.sh --list");
    }

    // Every report lists the cases in catalogue order: it must be the order the run takes the groups in, a new group included.
    [Test]
    public void Catalogue_lists_the_groups_in_the_order_the_run_takes_them()
    {
        var fixtureOrder = typeof(RefreshJwt.Conformance.Catalogue.ConformanceCases).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (Method: m, Fixture: t)))
            .Select(x => (Case: x.Method.GetCustomAttributes(typeof(RefreshJwt.Conformance.Catalogue.CaseAttribute), false).OfType<RefreshJwt.Conformance.Catalogue.CaseAttribute>().FirstOrDefault(), x.Fixture))
            .Where(x => x.Case is not null)
            .ToDictionary(x => x.Case!.Id, x => x.Fixture.GetCustomAttributes(typeof(OrderAttribute), false).OfType<OrderAttribute>().Single().Order);

        // A group (the id's letter) runs from the first of its fixtures; the catalogue must list the groups in that order.
        var firstRun = fixtureOrder.GroupBy(c => c.Key[0]).ToDictionary(g => g.Key, g => g.Min(c => c.Value));
        var listed = ConformanceRunner.Catalogue().Select(c => c.Id[0]).Distinct().Select(group => firstRun[group]).ToList();

        Assert.That(listed, Is.Ordered, "a group letter missing from CaseOrder sorts its cases out of run order");
    }

    [Test]
    public void Every_case_cites_a_public_url_or_a_section_of_docs_contract()
    {
        var unresolvable = ConformanceRunner.Catalogue()
            .SelectMany(c => Regex.Split(c.Source, "; (?=[a-z])").Select(part => (c.Id, Part: part)))
            .Where(s => !s.Part.StartsWith("https://", StringComparison.Ordinal) && !s.Part.StartsWith("docs/contract.md#", StringComparison.Ordinal))
            .Select(s => $"{s.Id}: {s.Part}");

        Assert.That(unresolvable, Is.Empty);
    }

    [Test]
    public void Every_link_to_docs_contract_names_a_section_it_has()
    {
        var anchors = File.ReadAllLines(Path.Combine(Root, "docs", "contract.md"))
            .Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), "[^a-z0-9 -]", "").Replace(' ', '-'))
            .ToHashSet();
        var cited = SourceFiles()
            .SelectMany(f => ContractLink().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Anchor: m.Groups[1].Value)))
            .Concat(ConformanceRunner.Catalogue().SelectMany(c => ContractLink().Matches(c.Source).Select(m => (File: c.Id, Anchor: m.Groups[1].Value))))
            .ToList();

        Assert.That(cited, Is.Not.Empty);
        Assert.That(cited.Where(c => !anchors.Contains(c.Anchor)).Select(c => $"{c.File}: #{c.Anchor}"), Is.Empty);
    }

    [Test]
    public void Nothing_in_the_repository_cites_the_research_notes_it_was_written_from()
    {
        // The file name is put together here so that this test does not cite it either.
        var notes = string.Concat("rs-jwt-", "facts");

        Assert.That(SourceFiles().Where(f => File.ReadAllText(f).Contains(notes, StringComparison.OrdinalIgnoreCase)).Select(f => Path.GetRelativePath(Root, f)), Is.Empty);
    }

    /// <summary>The repository's text files: sources, docs, scripts, fixtures; not build output.</summary>
    private static IEnumerable<string> SourceFiles()
    {
        string[] skipped = [".git", "artifacts", "bin", "obj", "TestResults", "conformance-report", "node_modules"];
        string[] kinds = [".cs", ".md", ".sh", ".json", ".yml", ".yaml", ".props", ".csproj", ".snap", ""];
        return Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Where(f => !Path.GetRelativePath(Root, f).Split(Path.DirectorySeparatorChar).Any(skipped.Contains))
            .Where(f => kinds.Contains(Path.GetExtension(f)) && new FileInfo(f).Length < 2_000_000);
    }

    [GeneratedRegex(@"docs/contract\.md#([a-z0-9-]+)")]
    private static partial Regex ContractLink();
}
