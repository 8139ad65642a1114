using Microsoft.Playwright;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using static Microsoft.Playwright.Assertions;

namespace RefreshJwt.Conformance.Tests.Reports;

/// <summary>
/// report.html of a real run against the embedded mock, with one case turned into a failure, as a person sees it in
/// Debian's headless Chromium (never a downloaded browser).
/// </summary>
[NonParallelizable]
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string FailedId = "V01";
    private const string FailedReason = "expected 200 with an access_token, got 401 (made to fail by the report test)";

    private string _directory = "";
    private RunResult _result = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    [OneTimeSetUp]
    public async Task Run_five_cases_and_start_chromium()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: the report's browser test drives Debian's Chromium (apt-get install -y chromium); it never downloads one");
        }

        _directory = Path.Combine(Path.GetTempPath(), $"refresh-jwt-report-{Guid.NewGuid():N}");
        var run = await ConformanceRunner.RunAsync(
            new RunSettings { SnapshotLabel = null, ReportDirectory = _directory, Cases = [FailedId, "T04", "N04", "T09", "P02"] },
            TextWriter.Null);
        _result = run with { Cases = [.. run.Cases.Select(c => c.Case.Id == FailedId ? Failed(c) : c)] };
        ReportWriter.Write(_result, _directory);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop_chromium()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [SetUp]
    public async Task Open_the_report() => _page = await OpenAsync(javaScript: true);

    [TearDown]
    public async Task Close_the_report() => await _page.Context.CloseAsync();

    [Test]
    public async Task The_header_shows_the_outcome_and_the_counts_of_the_run()
    {
        Assert.That(_result.Cases.Select(c => c.Case.Id), Is.EquivalentTo(new[] { FailedId, "T04", "N04", "T09", "P02" }));

        await Expect(_page.Locator("#outcome")).ToHaveTextAsync("FAILED");
        await Expect(_page.Locator("#run-target")).ToHaveTextAsync(_result.Target);
        await Expect(_page.Locator("#summary-line")).ToHaveTextAsync(_result.Summary);
        await Expect(_page.Locator("#count-failed")).ToHaveTextAsync("1");
        await Expect(_page.Locator("#count-must-failed")).ToHaveTextAsync("1");
        await Expect(_page.Locator("#count-passed")).ToHaveTextAsync(_result.Passed.ToString());
        await Expect(_page.Locator("#count-info")).ToHaveTextAsync(_result.Recorded.ToString());
        await Expect(_page.Locator("#shown")).ToHaveTextAsync("5 of 5 cases shown");
    }

    [Test]
    public async Task The_failed_case_is_open_with_its_reason_diff_and_evidence()
    {
        var failed = _page.Locator($"#case-{FailedId}");
        var exchange = _result.Cases.Single(c => c.Case.Id == FailedId).Exchanges[^1];

        await Expect(failed).ToHaveAttributeAsync("data-verdict", "fail");
        await Expect(failed.Locator(".badge")).ToHaveTextAsync("FAIL");
        await Expect(failed.Locator(".reason")).ToHaveTextAsync(FailedReason);
        await Expect(failed.Locator(".diff")).ToContainTextAsync("+ Status: 401");
        await Expect(failed.Locator("details.evidence")).ToHaveAttributeAsync("open", "");
        await Expect(failed.Locator(".exchange").Last.Locator(".status")).ToBeVisibleAsync();
        await Expect(failed.Locator(".exchange").Last.Locator(".status")).ToHaveTextAsync(exchange.Status.ToString());
        await Expect(failed.Locator(".exchange").Last.Locator(".request-line")).ToHaveTextAsync($"{exchange.Method} {exchange.Path}");
        await Expect(_page.Locator("#case-T04 .exchange").First).ToBeHiddenAsync();
    }

    [Test]
    public async Task Unticking_a_verdict_or_level_hides_its_cases_and_ticking_it_shows_them_again()
    {
        var passed = _result.Cases.Count(c => c.Verdict == Verdict.Pass && !c.FailsRun);

        await _page.Locator("#filter-verdict-pass").UncheckAsync();

        await Expect(_page.Locator("#case-T04")).ToBeHiddenAsync();
        await Expect(_page.Locator($"#case-{FailedId}")).ToBeVisibleAsync();
        await Expect(_page.Locator("#shown")).ToHaveTextAsync($"{5 - passed} of 5 cases shown");

        await _page.Locator("#filter-verdict-pass").CheckAsync();
        await _page.Locator("#filter-level-info").UncheckAsync();

        await Expect(_page.Locator("#case-T04")).ToBeVisibleAsync();
        await Expect(_page.Locator("#case-T09")).ToBeHiddenAsync();
        await Expect(_page.Locator("#shown")).ToHaveTextAsync("4 of 5 cases shown");

        await _page.Locator("#filter-level-info").CheckAsync();

        await Expect(_page.Locator("#case-T09")).ToBeVisibleAsync();
        await Expect(_page.Locator("#shown")).ToHaveTextAsync("5 of 5 cases shown");
    }

    [Test]
    public async Task Without_javascript_every_case_shows_and_the_filters_stay_hidden()
    {
        var page = await OpenAsync(javaScript: false);

        await Expect(page.Locator(".case:visible")).ToHaveCountAsync(5);
        await Expect(page.Locator("#filters")).ToBeHiddenAsync();
        await Expect(page.Locator($"#case-{FailedId} .reason")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_full_page_screenshot_is_attached()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "conformance-report.png");

        await Expect(_page.Locator($"#case-{FailedId} details.evidence")).ToHaveAttributeAsync("open", "");
        await _page.ScreenshotAsync(new() { Path = path, FullPage = true });

        Assert.That(new FileInfo(path).Length, Is.GreaterThan(10_000));
        TestContext.AddTestAttachment(path, "report.html of five cases against the embedded mock, V01 made to fail");
    }

    private async Task<IPage> OpenAsync(bool javaScript)
    {
        var context = await _browser.NewContextAsync(new() { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(_directory, ReportWriter.Html)).AbsoluteUri);
        return page;
    }

    private static CaseResult Failed(CaseResult c) => c with
    {
        Verdict = Verdict.Fail,
        Reason = FailedReason,
        Snapshot = new SnapshotOutcome(SnapshotStatus.Drifted, $"fixtures/snapshots/mock/__snapshots__/{FailedId}.snap", "  Label: refresh a valid token\n- Status: 200\n+ Status: 401"),
    };
}
