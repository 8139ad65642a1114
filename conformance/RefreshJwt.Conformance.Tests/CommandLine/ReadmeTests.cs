using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>README's case catalogue is the one <c>--list</c> prints: the docs cannot fall behind the code.</summary>
public sealed class ReadmeTests
{
    [Test]
    public void Readme_catalogue_is_the_listed_catalogue()
    {
        var readme = File.ReadAllText(Path.Combine(MockServer.Fixtures.Locate(), "..", "README.md"));
        const string start = "<!-- catalogue:start -->\n";
        var section = readme[(readme.IndexOf(start, StringComparison.Ordinal) + start.Length)..readme.IndexOf("<!-- catalogue:end -->", StringComparison.Ordinal)];

        Assert.That(section, Is.EqualTo(CatalogueTable.Markdown(ConformanceRunner.Catalogue())), "refresh README.md's catalogue from ./run-conformance.sh --list");
    }
}
