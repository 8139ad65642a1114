using System.Globalization;
using System.Xml.Linq;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>
/// <c>junit.xml</c> for CI test tabs: one testcase per case with its level, source and verdict as properties.
/// A failing run's cases carry <c>failure</c>, skipped cases <c>skipped</c>; warnings and INFO values go to system-out.
/// A run that ended early has one HARNESS testcase with an <c>error</c> instead (<see cref="RenderEndedEarly"/>).
/// </summary>
public static class JunitReport
{
    public static string Render(RunResult result) => Document(
        result.Target,
        result.Started,
        result.Duration,
        (result.Cases.Count, result.Failed, 0, result.Skipped),
        [
            Property("target", result.Target),
            Property("authorize", result.AuthorizeStyle),
            Property("snapshots", result.SnapshotSet ?? "none"),
            Property("strict", result.Strict ? "true" : "false"),
        ],
        result.Cases.Select(TestCase));

    /// <summary>
    /// The junit.xml of a run that ended before its verdicts were reported (the harness broke, exit 3, or Ctrl+C, exit
    /// 130): one <c>refresh_jwt.HARNESS</c> testcase carrying an <c>error</c> of <paramref name="type"/>, so a CI test tab
    /// says why. <paramref name="message"/> is the one line printed on stderr; every text passes through <paramref name="redactor"/>.
    /// </summary>
    public static string RenderEndedEarly(string target, DateTimeOffset started, TimeSpan duration, string name, string type, string message, Redactor redactor)
    {
        var (shownTarget, shownMessage) = (redactor.Redact(target), redactor.Redact(message));
        var testcase = new XElement(
            "testcase",
            new XAttribute("classname", "refresh_jwt.HARNESS"),
            new XAttribute("name", name),
            new XAttribute("time", Seconds(duration)),
            new XElement("error", new XAttribute("message", shownMessage), new XAttribute("type", type), shownMessage));
        return Document(shownTarget, started, duration, (1, 0, 1, 0), [Property("target", shownTarget)], [testcase]);
    }

    private static string Document(string target, DateTimeOffset started, TimeSpan duration, (int Tests, int Failures, int Errors, int Skipped) count, XElement[] properties, IEnumerable<XElement> testcases)
    {
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"refresh_jwt conformance: {target}"),
            new XAttribute("tests", count.Tests),
            new XAttribute("failures", count.Failures),
            new XAttribute("errors", count.Errors),
            new XAttribute("skipped", count.Skipped),
            new XAttribute("time", Seconds(duration)),
            new XAttribute("timestamp", started.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties", properties),
            testcases);
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "refresh_jwt conformance"),
            new XAttribute("tests", count.Tests),
            new XAttribute("failures", count.Failures),
            new XAttribute("errors", count.Errors),
            new XAttribute("skipped", count.Skipped),
            new XAttribute("time", Seconds(duration)),
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
                Property("basis", c.Case.Basis.Kind.ToString().ToLowerInvariant()),
                Property("rests on", c.Case.Basis.Text),
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
