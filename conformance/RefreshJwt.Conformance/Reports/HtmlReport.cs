using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary>
/// <c>report.html</c>: the run for people who never open the code, in one self-contained page: the outcome, the
/// counts by level, filters, and every case with its reason, observations and evidence. It loads nothing from
/// elsewhere and reads fine without JavaScript (the script only adds the filters). Everything shown is encoded.
/// </summary>
public static partial class HtmlReport
{
    /// <summary>The summary columns, counted as <see cref="MarkdownSummary"/> counts them: a case failing the run is failed whatever its verdict.</summary>
    private static readonly (string Key, string Title, Func<IEnumerable<CaseResult>, int> Count)[] Columns =
    [
        ("passed", "Passed", cases => Count(cases, Verdict.Pass)),
        ("failed", "Failed", cases => Count(cases, Verdict.Fail)),
        ("warnings", "Warnings", cases => Count(cases, Verdict.Warn)),
        ("skipped", "Skipped", cases => Count(cases, Verdict.Skip)),
        ("info", "INFO recorded", cases => Count(cases, Verdict.Info)),
    ];

    private const int ShownLength = 2000;

    public static string Render(RunResult result)
    {
        var outcome = result.ExitCode == ExitCodes.Ok ? "PASSED" : "FAILED";
        var html = new StringBuilder($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>refresh_jwt conformance: {outcome} ({E(result.Target)})</title>
            <style>{Css}</style>
            </head>
            <body>
            <header class="run {outcome.ToLowerInvariant()}">
            <h1>refresh_jwt conformance: <span id="outcome">{outcome}</span></h1>
            <dl class="facts">
            <dt>Target</dt><dd id="run-target">{E(result.Target)}</dd>
            <dt>Authorize style</dt><dd id="run-authorize">{E(result.AuthorizeStyle)}</dd>
            <dt>Snapshot set</dt><dd id="run-snapshots">{E(result.SnapshotSet ?? "none (not compared)")}</dd>
            <dt>Strict</dt><dd>{(result.Strict ? "yes: SHOULD failures fail the run" : "no: SHOULD failures warn")}</dd>
            <dt>Started</dt><dd><time datetime="{result.Started:O}">{result.Started.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}</time></dd>
            <dt>Duration</dt><dd id="run-duration">{Duration(result.Duration)}</dd>
            </dl>
            <p id="summary-line" class="summary-line">{E(result.Summary)}</p>
            {Attention(result)}</header>
            <h2>Summary by level</h2>
            <table id="summary" class="counts">
            <thead><tr><th>Level</th><th>Cases</th>{string.Concat(Columns.Select(c => $"<th>{c.Title}</th>"))}</tr></thead>
            <tbody>

            """);
        foreach (var level in Enum.GetValues<Level>())
        {
            var cases = result.Cases.Where(c => c.Case.Level == level).ToList();
            html.Append($"<tr><th scope=\"row\">{Upper(level)}</th><td>{cases.Count}</td>{CountCells(cases, $"count-{Lower(level)}-")}</tr>\n");
        }

        html.Append($"""
            </tbody>
            <tfoot><tr><th scope="row">All</th><td id="count-cases">{result.Cases.Count}</td>{CountCells(result.Cases, "count-")}</tr></tfoot>
            </table>
            <h2>Cases</h2>
            <form id="filters" class="filters" autocomplete="off" hidden>
            <fieldset><legend>Level</legend>{Filters(result, "level", Enum.GetNames<Level>())}</fieldset>
            <fieldset><legend>Verdict</legend>{Filters(result, "verdict", Enum.GetNames<Verdict>())}</fieldset>
            <span class="buttons"><button type="button" data-evidence="open">Open all evidence</button><button type="button" data-evidence="close">Close all</button></span>
            </form>
            <p id="shown" class="shown" aria-live="polite">{result.Cases.Count} of {result.Cases.Count} cases shown</p>
            <main id="cases">

            """);
        foreach (var c in result.Cases)
        {
            html.Append(Case(c));
        }

        return html.Append($"</main>\n<script>{Script}</script>\n</body>\n</html>\n").ToString();
    }

    private static string Case(CaseResult c)
    {
        var verdict = VerdictOf(c);
        var html = new StringBuilder($"""
            <article class="case" id="case-{E(c.Case.Id)}" data-level="{Lower(c.Case.Level)}" data-verdict="{verdict}">
            <h3><span class="badge {verdict}">{verdict.ToUpperInvariant()}</span> <span class="case-id">{E(c.Case.Id)}</span> <span class="level">{Upper(c.Case.Level)}</span> <span class="title">{E(c.Case.Title)}</span> <span class="duration">{Duration(c.Duration)}</span></h3>
            <p class="source">Source: {Linked(c.Case.Source)}</p>
            <p class="source basis">Rests on: {Linked(c.Case.Basis.Text)}</p>

            """);
        if (Why(c) is { } why)
        {
            html.Append($"<p class=\"why\"><strong>{WhyLabel(verdict)}</strong> <span class=\"reason\">{E(why)}</span></p>\n");
        }

        if (c.Snapshot is { } snapshot)
        {
            html.Append($"<p class=\"snapshot {Lower(snapshot.Status)}\">Snapshot {Lower(snapshot.Status)}: <code>{E(snapshot.File)}</code>{SnapshotNote(snapshot.Status)}</p>\n");
            if (snapshot.Diff is not null && snapshot.Status == SnapshotStatus.Drifted)
            {
                html.Append($"<pre class=\"diff\">{string.Concat(snapshot.Diff.Split('\n').Select(DiffLine))}</pre>\n");
            }
        }

        if (c.Observations.Count > 0)
        {
            html.Append($"<table class=\"observations\"><caption>Observed</caption>{string.Concat(c.Observations.Select(o => $"<tr><th scope=\"row\">{E(o.Name)}</th><td>{E(o.Value)}</td></tr>"))}</table>\n");
        }

        if (c.Exchanges.Count > 0)
        {
            html.Append($"<details class=\"evidence\"{(c.FailsRun ? " open" : "")}><summary>Evidence: {c.Exchanges.Count} request{(c.Exchanges.Count == 1 ? "" : "s")}</summary>\n");
            html.AppendJoin("", c.Exchanges.Select((x, i) => Exchange(x, i + 1))).Append("</details>\n");
        }

        return html.Append("</article>\n").ToString();
    }

    private static string Exchange(Exchange x, int number) => $"""
        <section class="exchange"><h4>{number}. {E(x.Label)}</h4><dl>
        <dt>Request</dt><dd><code class="request-line">{E(x.Method)} {E(x.Path)}</code></dd>
        <dt>Authorization</dt><dd><code>{Shown(x.Authorization ?? "(none)")}</code></dd>
        {(x.RequestBody is null ? "" : $"<dt>Request body</dt><dd><pre>{Shown(x.RequestBody)}</pre></dd>")}
        {(x.TransportError is null ? "" : $"<dt>Transport error</dt><dd class=\"transport-error\">{E(x.TransportError)}</dd>")}
        <dt>Status</dt><dd><span class="status">{x.Status}</span></dd>
        <dt>Content type</dt><dd><code>{E(x.ContentType ?? "(none)")}</code></dd>
        <dt>Response body</dt><dd><pre>{(x.ResponseBody.Length == 0 ? "(empty)" : Shown(x.ResponseBody))}</pre></dd>
        </dl></section>

        """;

    /// <summary>Evidence up to <see cref="ShownLength"/> characters (case N31 sends 64 KB tokens); results.json keeps it whole.</summary>
    private static string Shown(string text) => text.Length <= ShownLength
        ? E(text)
        : $"{E(text[..ShownLength])}<span class=\"cut\">… {text.Length - ShownLength} more characters in results.json</span>";

    /// <summary>The reason as recorded, except an INFO case's copy of its observations (the table shows them).</summary>
    private static string? Why(CaseResult c) => c switch
    {
        { Final: Verdict.Info, Observations.Count: > 0 } when c.Reason == c.InfoText => null,
        { Reason: { Length: > 0 } reason } => reason,
        { FailsRun: true, Verdict: not Verdict.Fail } => "Its expectations held, but its snapshot did not match (below).",
        { Verdict: Verdict.Pass } => "Every expectation of the case held.",
        _ => null,
    };

    private static string WhyLabel(string verdict) => verdict switch
    {
        "pass" => "Why it passed:",
        "fail" => "Why it failed:",
        "warn" => "Why it warns:",
        "skip" => "Why it was skipped:",
        _ => "Recorded:",
    };

    private static string SnapshotNote(SnapshotStatus status) => status switch
    {
        SnapshotStatus.Drifted => " (<span class=\"del\">- committed</span>, <span class=\"ins\">+ this run</span>; accept with <code>--update-snapshots</code>)",
        SnapshotStatus.Missing => " (write it with <code>--update-snapshots</code>, then commit it)",
        _ => "",
    };

    private static string DiffLine(string line) =>
        $"<span class=\"{(line.StartsWith("- ", StringComparison.Ordinal) ? "del" : line.StartsWith("+ ", StringComparison.Ordinal) ? "ins" : "same")}\">{E(line)}\n</span>";

    private static string Attention(RunResult result)
    {
        var flagged = result.Cases.Where(c => c.Final is Verdict.Fail or Verdict.Warn).ToList();
        var outside = string.Concat(result.OutsideCases.Select(v => $"<p class=\"attention outside\">Invariant broken outside any case: {E(v)}</p>\n"));
        return outside + (flagged.Count == 0 ? "" : $"<p class=\"attention\">Needs attention: {string.Join(" ", flagged.Select(c => $"<a class=\"badge {VerdictOf(c)}\" href=\"#case-{E(c.Case.Id)}\">{E(c.Case.Id)}</a>"))}</p>\n");
    }

    private static string CountCells(IEnumerable<CaseResult> cases, string idPrefix) => string.Concat(Columns.Select(column =>
    {
        var count = column.Count(cases);
        return $"<td id=\"{idPrefix}{column.Key}\" class=\"{column.Key}{(count == 0 ? " zero" : "")}\">{count}</td>";
    }));

    private static string Filters(RunResult result, string kind, IEnumerable<string> names) => string.Concat(names.Select(name =>
    {
        var value = name.ToLowerInvariant();
        var count = result.Cases.Count(c => (kind == "level" ? Lower(c.Case.Level) : VerdictOf(c)) == value);
        var label = kind == "level" ? name.ToUpperInvariant() : $"<span class=\"badge {value}\">{value.ToUpperInvariant()}</span>";
        return $"<label><input type=\"checkbox\" id=\"filter-{kind}-{value}\" data-filter=\"{kind}\" value=\"{value}\" checked> {label} <span class=\"n\">{count}</span></label>";
    }));

    /// <summary>The source text with its http(s) addresses made links.</summary>
    private static string Linked(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match url in Url().Matches(text))
        {
            html.Append(E(text[at..url.Index])).Append($"<a href=\"{E(url.Value)}\">{E(url.Value)}</a>");
            at = url.Index + url.Length;
        }

        return html.Append(E(text[at..])).ToString();
    }

    [GeneratedRegex("https?://[^\\s;,()<>\"]+")]
    private static partial Regex Url();

    private static string VerdictOf(CaseResult c) => c.Label.ToLowerInvariant();

    private static int Count(IEnumerable<CaseResult> cases, Verdict verdict) => cases.Count(c => c.Final == verdict);

    private static string Duration(TimeSpan duration) => duration.TotalSeconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s");

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Upper<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
