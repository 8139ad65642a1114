using System.Globalization;
using System.Xml.Linq;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>
/// <c>junit.xml</c> for CI test tabs: one testcase per case with its level, source and verdict as properties.
/// A failing run's cases carry <c>failure</c>, skipped cases <c>skipped</c>; warnings and INFO values go to system-out.
/// </summary>
public static class JunitReport
{
    public static string Render(RunResult result)
    {
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"refresh_jwt conformance: {result.Target}"),
            new XAttribute("tests", result.Cases.Count),
            new XAttribute("failures", result.Failed),
            new XAttribute("errors", 0),
            new XAttribute("skipped", result.Skipped),
            new XAttribute("time", Seconds(result.Duration)),
            new XAttribute("timestamp", result.Started.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement(
                "properties",
                Property("target", result.Target),
                Property("authorize", result.AuthorizeStyle),
                Property("snapshots", result.SnapshotSet ?? "none"),
                Property("strict", result.Strict ? "true" : "false")),
            result.Cases.Select(TestCase));
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "refresh_jwt conformance"),
            new XAttribute("tests", result.Cases.Count),
            new XAttribute("failures", result.Failed),
            new XAttribute("skipped", result.Skipped),
            new XAttribute("time", Seconds(result.Duration)),
            suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root + "\n";
    }

    private static XElement TestCase(CaseResult c)
    {
        var element = new XElement(
            "testcase",
            new XAttribute("classname", $"refresh_jwt.{c.Case.Level.ToString().ToUpperInvariant()}"),
            new XAttribute("name", $"{c.Case.Id} {c.Case.Title}"),
            new XAttribute("time", Seconds(c.Duration)),
            new XElement(
                "properties",
                Property("id", c.Case.Id),
                Property("level", c.Case.Level.ToString().ToUpperInvariant()),
                Property("source", c.Case.Source),
                Property("verdict", c.Label.ToLowerInvariant()),
                c.Observations.Select(o => Property($"observed: {o.Name}", o.Value))));
        if (c.FailsRun)
        {
            var reason = c.Explanation ?? "failed";
            element.Add(new XElement("failure", new XAttribute("message", reason.Split('\n')[0]), new XAttribute("type", c.Case.Level.ToString().ToUpperInvariant()), reason));
        }
        else if (c.Final == Verdict.Skip)
        {
            element.Add(new XElement("skipped", new XAttribute("message", c.Explanation ?? "skipped")));
        }
        else if (c.Final is Verdict.Warn or Verdict.Info && c.Explanation is { } explanation)
        {
            element.Add(new XElement("system-out", $"{c.Label}: {explanation}"));
        }

        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
