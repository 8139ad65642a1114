using System.Text.RegularExpressions;
using NUnit.Framework.Interfaces;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// Every verdict says what it rests on, and its level follows: a MUST quotes the docs or rests on a reading
/// docs/contract.md states with its reason; practice is never more than a SHOULD; what the docs leave open is INFO.
/// </summary>
public sealed class BasisTests
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(MockServer.Fixtures.Locate(), "..", "docs", "contract.md"));

    private static IEnumerable<(string What, Level Level, string Source, CaseBasis Basis)> Everything() =>
        ConformanceRunner.Catalogue().Select(c => (c.Id, c.Level, c.Source, c.Basis))
            .Concat(RunInvariants.Rules.Select(r => ($"invariant \"{r.Rule}\"", Level.Must, r.Source, r.Basis)));

    [Test]
    public void No_must_lacks_a_documented_source_or_a_listed_reading()
    {
        var unfounded = Everything().Where(c => c.Level == Level.Must).Where(c => c.Basis.Kind switch
        {
            Basis.Documented => c.Basis.Quotes.Count == 0 || !c.Source.StartsWith("https://", StringComparison.Ordinal),
            Basis.Reading => c.Basis.Readings.Count == 0 || c.Basis.Readings.Any(r => !Contract.Contains(Heading(r), StringComparison.Ordinal)),
            _ => true,
        });

        Assert.That(unfounded.Select(c => $"{c.What}: {c.Basis.Text}"), Is.Empty);
    }

    [Test]
    public void Levels_follow_the_basis()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Where(c => c.Basis.Kind == Basis.Practice && c.Level != Level.Should), Is.Empty, "practice is a SHOULD");
            Assert.That(Where(c => (c.Basis.Kind == Basis.Open) != (c.Level == Level.Info)), Is.Empty, "what is open is recorded");
            Assert.That(Where(c => c.Basis.Kind == Basis.Reading && c.Level != Level.Must), Is.Empty, "a listed reading is a MUST");
            Assert.That(Where(c => c.Basis.Quotes.Count > 0 != (c.Basis.Kind == Basis.Documented)), Is.Empty, "only documented cases quote");
        }
    }

    [Test]
    public void Every_quote_is_written_in_docs_contract_with_its_page()
    {
        var quotes = Everything().SelectMany(c => c.Basis.Quotes).Distinct().ToList();

        Assert.That(quotes, Is.Not.Empty);
        Assert.That(quotes.Where(q => !Contract.Contains($"\"{q}\"", StringComparison.Ordinal) && !Contract.Contains($"`{q}`", StringComparison.Ordinal)),
            Is.Empty);
    }

    [Test]
    public void Every_reading_is_stated_in_docs_contract_with_what_the_docs_say_and_why()
    {
        const string why = "Why a server that breaks it is broken for clients:";
        var sections = ContractReadings.All
            .Select(r => (r, Section: Regex.Match(Contract, Regex.Escape(Heading(r.Id)) + "\n(?<body>(?:(?!\n#).)*)", RegexOptions.Singleline)));
        static string OneLine(Match section) => Regex.Replace(section.Groups["body"].Value, "\\s+", " ");

        Assert.That(sections.Where(s => !s.Section.Success || !OneLine(s.Section).Contains(why, StringComparison.Ordinal)).Select(s => s.r.Name), Is.Empty);
        Assert.That(ContractReadings.All.Select(r => r.Anchor), Is.All.StartWith(Sources.ContractDoc + "#reading-"));
    }

    [Test]
    public void A_failed_must_on_a_reading_says_so_before_why()
    {
        var basis = ConformanceRunner.Catalogue().Single(c => c.Id == "V07").Basis;
        var record = new CaseRecord("V07", Level.Must);

        record.Judge(TestStatus.Failed, "refresh: the presented token names uid 1, the new one uid 2", strict: false, basis.FailurePreamble);

        Assert.That(record.Reason, Does.StartWith(
            "the project's reading: a refreshed token names the same user as the token presented (docs/contract.md#reading-same-user); the docs say: "));
        Assert.That(record.Reason, Does.EndWith("\nrefresh: the presented token names uid 1, the new one uid 2"));
    }

    [Test]
    public void A_documented_must_quotes_without_a_preamble()
    {
        var record = new CaseRecord("V01", Level.Must);

        record.Judge(TestStatus.Failed, "expected 200", strict: false, ConformanceRunner.Catalogue().Single(c => c.Id == "V01").Basis.FailurePreamble);

        Assert.That(record.Reason, Is.EqualTo("expected 200"));
    }

    private static IEnumerable<string> Where(Func<(string What, Level Level, string Source, CaseBasis Basis), bool> broken) =>
        Everything().Where(broken).Select(c => c.What);

    /// <summary>The heading docs/contract.md gives a reading; its anchor is the one the reading cites.</summary>
    private static string Heading(Reading reading) => $"### Reading: {ContractReadings.Of(reading).Name}";
}
