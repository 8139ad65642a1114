using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.Reports;

/// <summary>The four files ReportWriter writes, from a small made-up run with one case of each verdict.</summary>
public sealed class ReportFilesTests
{
    private const string Url = "https://redis.io/docs/latest/operate/rs/references/rest-api/requests/users/refresh_jwt/";

    private static readonly RunResult Run = new(
        "embedded mock (rs-7.8)",
        "basic",
        "mock",
        false,
        new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
        TimeSpan.FromSeconds(3.2),
        [
            Case("V01", Level.Must, Verdict.Pass, null),
            Case("N04", Level.Must, Verdict.Fail, "expected 401, got 200 <script>alert('x')</script>", Exchange()),
            Case("V12", Level.Should, Verdict.Warn, "typ is \"jwt\", not \"JWT\""),
            Case("T09", Level.Info, Verdict.Info, "ttl \"60\": 400", observed: new Observation("ttl \"60\"", "400 & refused")),
            Case("P02", Level.Must, Verdict.Skip, "no user with an expired password (--expired-username)"),
        ]);

    private string _directory = "";

    [OneTimeSetUp]
    public void Write_the_reports()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"refresh-jwt-reports-{Guid.NewGuid():N}");
        ReportWriter.Write(Run, _directory);
    }

    [OneTimeTearDown]
    public void Delete_the_reports() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Junit_has_a_testcase_per_case_with_its_level_source_failure_and_skip()
    {
        var cases = XDocument.Parse(Read(ReportWriter.Junit)).Descendants("testcase").ToList();
        string Property(XElement testcase, string name) =>
            testcase.Descendants("property").Single(p => (string?)p.Attribute("name") == name).Attribute("value")!.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cases.Select(c => Property(c, "id")), Is.EqualTo(Run.Cases.Select(c => c.Case.Id)));
            Assert.That(cases.Select(c => Property(c, "level")), Is.EqualTo(new[] { "MUST", "MUST", "SHOULD", "INFO", "MUST" }));
            Assert.That(cases.Select(c => Property(c, "source")), Is.All.EqualTo(Url + " (Status codes: 401)"));
            Assert.That(cases.Select(c => Property(c, "basis")), Is.EqualTo(new[] { "documented", "documented", "practice", "open", "documented" }));
            Assert.That(Property(cases[0], "rests on"), Is.EqualTo("documented: \"A new token is given.\""));
            Assert.That(cases.Where(c => c.Element("failure") is not null).Select(c => Property(c, "id")), Is.EqualTo(new[] { "N04" }));
            Assert.That(cases.Where(c => c.Element("skipped") is not null).Select(c => Property(c, "id")), Is.EqualTo(new[] { "P02" }));
        }
    }

    [Test]
    public void Junit_of_a_run_that_ended_early_is_one_harness_error_with_nothing_of_a_password_or_an_issued_token()
    {
        const string Password = "Junit-Pa55word";
        var token = Upstream.Sign(new JsonObject { ["iat"] = 1_800_000_000, ["exp"] = 1_800_000_300, ["uid"] = "1" });
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var redactor = new Redactor([Password]);
        redactor.Remember(token);
        var line = $"internal error: case V01: InvalidOperationException: kept {signature[5..30]}x for {Password} & <more>";

        var text = JunitReport.RenderEndedEarly($"https://admin:{Password}@cluster.example:9443/", Run.Started, TimeSpan.FromSeconds(1.5), "harness", "internal", line, redactor);
        var junit = XDocument.Parse(text);
        var error = junit.Descendants("testcase").Single().Element("error")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { Password, signature[5..17], signature[18..30] }.Count(text.Contains), Is.Zero, "secrets found (counted, not shown)");
            Assert.That((string?)error.Attribute("message"), Is.EqualTo("internal error: case V01: InvalidOperationException: kept «piece of an issued token, 26 characters» for «password» & <more>"));
            Assert.That(error.Value, Is.EqualTo((string?)error.Attribute("message")));
            Assert.That((string?)junit.Root!.Element("testsuite")!.Attribute("name"), Is.EqualTo("refresh_jwt conformance: https://admin:«password»@cluster.example:9443/"));
        }
    }

    [Test]
    public void Markdown_summary_has_the_closing_line_and_the_failed_case()
    {
        var summary = Read(ReportWriter.Markdown);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Run.Summary, Is.EqualTo("1 passed, 1 failed, 1 warning, 1 skipped; 1 INFO recorded"));
            Assert.That(summary, Does.Contain(Run.Summary));
            Assert.That(summary, Does.Contain("refresh_jwt conformance: FAILED"));
            Assert.That(summary, Does.Contain("- **N04** (MUST)"));
        }
    }

    [Test]
    public void Json_results_have_every_case_with_its_level_and_verdict()
    {
        using var json = JsonDocument.Parse(Read(ReportWriter.Json));
        var cases = json.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => $"{c.GetProperty("id").GetString()} {c.GetProperty("level").GetString()} {c.GetProperty("verdict").GetString()}");

        var bases = json.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => c.GetProperty("basis"))
            .Select(b => $"{b.GetProperty("kind").GetString()} {string.Join(" / ", b.GetProperty("quotes").EnumerateArray())}");

        Assert.That(cases, Is.EqualTo(new[] { "V01 must pass", "N04 must fail", "V12 should warn", "T09 info info", "P02 must skip" }));
        Assert.That(bases, Is.EqualTo(new[]
        {
            "documented A new token is given.", "documented The token is invalid or password has expired.", "practice ", "open ",
            "documented The password has expired and must be changed.",
        }));
    }

    [Test]
    public void Html_report_has_every_case_and_its_counts()
    {
        var html = Read(ReportWriter.Html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Run.Cases.Select(c => c.Case.Id).Where(id => !html.Contains($"<article class=\"case\" id=\"case-{id}\"")), Is.Empty);
            Assert.That(html, Does.Contain("<span id=\"outcome\">FAILED</span>"));
            Assert.That(html, Does.Contain("<td id=\"count-failed\" class=\"failed\">1</td>"));
            Assert.That(html, Does.Contain("<td id=\"count-should-warnings\" class=\"warnings\">1</td>"));
            Assert.That(html, Does.Contain($"<a href=\"{Url}\">{Url}</a> (Status codes: 401)"));
            Assert.That(html, Does.Contain("<details class=\"evidence\" open>"));
            Assert.That(html, Does.Contain("<p class=\"source basis\">Rests on: documented: &quot;A new token is given.&quot;</p>"));
        }
    }

    [Test]
    public void Html_report_loads_nothing_from_elsewhere()
    {
        var html = Read(ReportWriter.Html);
        var references = Regex.Matches(html, "<(?<tag>\\w+)[^>]*?\\s(?<attribute>\\w+)=\"(?<url>https?://[^\"]*)\"")
            .Select(m => $"{m.Groups["tag"].Value} {m.Groups["attribute"].Value} {m.Groups["url"].Value}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(references, Is.All.EqualTo($"a href {Url}"));
            Assert.That(html, Does.Not.Match("<link|\\ssrc=|@import|url\\("));
        }
    }

    [Test]
    public void Html_report_encodes_what_it_shows()
    {
        var html = Read(ReportWriter.Html);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("got 200 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(html, Does.Contain("400 &amp; refused"));
            Assert.That(html, Does.Contain("JWT &#171;JWT {&quot;alg&quot;:&quot;none&quot;} {&quot;uid&quot;:&quot;1&quot;} no signature&#187;"));
        }
    }

    private string Read(string name) => File.ReadAllText(Path.Combine(_directory, name));

    private static CaseResult Case(string id, Level level, Verdict verdict, string? reason, Exchange? exchange = null, Observation? observed = null) => new(
        new CaseInfo(id, level, $"Case {id}", Url + " (Status codes: 401)", ConformanceRunner.Catalogue().Single(c => c.Id == id).Basis),
        verdict,
        reason,
        observed is null ? [] : [observed],
        exchange is null ? [] : [exchange],
        null,
        TimeSpan.FromMilliseconds(42));

    private static Exchange Exchange() => new(
        "refresh with alg \"none\"",
        "POST",
        "/v1/users/refresh_jwt",
        "JWT «JWT {\"alg\":\"none\"} {\"uid\":\"1\"} no signature»",
        "JWT",
        null,
        200,
        "application/json",
        "{\"access_token\":\"«JWT {\\\"alg\\\":\\\"HS256\\\"} {\\\"uid\\\":\\\"1\\\"} signature: 43 characters»\"}",
        new NormalizedResponse(200, "application/json", ["access_token"], null, null, "json object"));
}
