using System.Globalization;
using System.Net;
using System.Text;

namespace RefreshJwt.Conformance.Calibration;

/// <summary>
/// Two runs of the catalogue compared case by case on their normalized evidence: the verdict, each response's
/// status, content type, body kind and fields, error_code, token header, claim names and <c>exp - iat</c>, and
/// the values the case observed. Token strings, texts and absolute times never take part, as in snapshots.
/// </summary>
public sealed record FidelityComparison(string BaselineName, string OtherName, IReadOnlyList<CaseComparison> Cases)
{
    /// <summary>Observed values in seconds (names ending "(s)") may differ by this much: a request's latency.</summary>
    private const long SecondsTolerance = 2;

    public IReadOnlyList<CaseComparison> Compared => Cases.Where(c => c.NotComparedBecause is null).ToList();

    public int Identical => Compared.Count(c => c.Differences.Count == 0);

    public bool AllIdentical => Identical == Compared.Count;

    /// <summary><c>fidelity: 52/54 cases identical</c>.</summary>
    public string Summary => $"fidelity: {Identical}/{Compared.Count} cases identical";

    public static FidelityComparison Compare(RunEvidence baseline, RunEvidence other, string baselineName, string otherName)
    {
        var ids = baseline.Cases.Select(c => c.Id).Concat(other.Cases.Select(c => c.Id)).Distinct().ToList();
        var cases = ids.Select(id => CompareCase(id, baseline.Case(id), other.Case(id), baselineName, otherName)).ToList();
        return new FidelityComparison(baselineName, otherName, cases);
    }

    /// <summary>What the console shows: the summary line, each differing case with its differences, what was not compared.</summary>
    public IEnumerable<string> ConsoleLines()
    {
        yield return Summary;
        foreach (var c in Compared.Where(c => c.Differences.Count > 0))
        {
            yield return $"  {c.Id} differs:";
            foreach (var d in c.Differences)
            {
                yield return $"    {d}";
            }
        }

        var skipped = Cases.Where(c => c.NotComparedBecause is not null).ToList();
        if (skipped.Count > 0)
        {
            yield return $"  not compared: {string.Join(", ", skipped.Select(c => $"{c.Id} ({c.NotComparedBecause})"))}";
        }
    }

    public string Markdown(string? profilePath)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Fidelity: {OtherName} against {BaselineName}").AppendLine();
        md.AppendLine($"**{Summary}**{(AllIdentical ? "" : $" ({Compared.Count - Identical} differ)")}").AppendLine();
        if (profilePath is not null)
        {
            md.AppendLine($"Observed profile: `{profilePath}`").AppendLine();
        }

        var differing = Compared.Where(c => c.Differences.Count > 0).ToList();
        if (differing.Count > 0)
        {
            md.AppendLine("| Case | What differs |").AppendLine("|---|---|");
            foreach (var c in differing)
            {
                md.AppendLine($"| {c.Id} | {string.Join("<br>", c.Differences.Select(d => d.Replace("|", "\\|", StringComparison.Ordinal)))} |");
            }

            md.AppendLine();
        }

        md.AppendLine($"Identical: {string.Join(", ", Compared.Where(c => c.Differences.Count == 0).Select(c => c.Id))}").AppendLine();
        var skipped = Cases.Where(c => c.NotComparedBecause is not null).ToList();
        if (skipped.Count > 0)
        {
            md.AppendLine($"Not compared: {string.Join(", ", skipped.Select(c => $"{c.Id} ({c.NotComparedBecause})"))}").AppendLine();
        }

        return md.ToString();
    }

    public string HtmlSection(string? profileFile)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append($"<section id=\"fidelity\">\n<h2>Fidelity of the calibrated mock</h2>\n<p><strong>{E(Summary)}</strong>: {E(OtherName)} against {E(BaselineName)}");
        html.Append(profileFile is null ? "</p>\n" : $"; observed profile <a href=\"{E(profileFile)}\">{E(profileFile)}</a>, details in <a href=\"fidelity.md\">fidelity.md</a></p>\n");
        var differing = Compared.Where(c => c.Differences.Count > 0).ToList();
        if (differing.Count > 0)
        {
            html.Append("<table>\n<thead><tr><th>Case</th><th>What differs</th></tr></thead>\n<tbody>\n");
            foreach (var c in differing)
            {
                html.Append($"<tr><td>{E(c.Id)}</td><td>{string.Join("<br>", c.Differences.Select(E))}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append($"<p>Identical: {E(string.Join(", ", Compared.Where(c => c.Differences.Count == 0).Select(c => c.Id)))}</p>\n");
        var skipped = Cases.Where(c => c.NotComparedBecause is not null).ToList();
        if (skipped.Count > 0)
        {
            html.Append($"<p>Not compared: {E(string.Join(", ", skipped.Select(c => $"{c.Id} ({c.NotComparedBecause})")))}</p>\n");
        }

        return html.Append("</section>\n").ToString();
    }

    private static string Because(CaseEvidence run, string name) => run.Reason is { } reason ? $"; {name}: {reason.Split('\n')[0]}" : "";

    private static CaseComparison CompareCase(string id, CaseEvidence? a, CaseEvidence? b, string aName, string bName)
    {
        if (a is null || b is null)
        {
            return new CaseComparison(id, [], $"not run against {(a is null ? aName : bName)}");
        }

        if (!a.Ran || !b.Ran)
        {
            return new CaseComparison(id, [], $"skipped against {(!a.Ran ? aName : bName)}");
        }

        var differences = new List<string>();
        if (a.Verdict != b.Verdict)
        {
            // Why each side judged as it did: a verdict that differs with no other difference says nothing without it.
            differences.Add($"verdict: {a.Verdict} → {b.Verdict}{Because(a, aName)}{Because(b, bName)}");
        }

        var (xa, xb) = (InSendingOrder(a.Exchanges), InSendingOrder(b.Exchanges));
        if (xa.Count != xb.Count)
        {
            differences.Add($"exchanges: {xa.Count} → {xb.Count}");
        }

        for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
        {
            differences.AddRange(CompareExchange(xa[i], xb[i]).Select(d => $"exchange {i + 1} ({xa[i].Label}): {d}"));
        }

        foreach (var observation in a.Observations)
        {
            var other = b.Observed(observation.Name);
            if (other is null)
            {
                differences.Add($"observation \"{observation.Name}\": {observation.Value} → not observed");
            }
            else if (!SameObservation(observation.Name, observation.Value, other))
            {
                differences.Add($"observation \"{observation.Name}\": {observation.Value} → {other}");
            }
        }

        differences.AddRange(b.Observations.Where(o => a.Observed(o.Name) is null).Select(o => $"observation \"{o.Name}\": not observed → {o.Value}"));
        return new CaseComparison(id, differences, null);
    }

    /// <summary>
    /// Requests sent at once (labelled "… 1 of 4", "… 2 of 4") have no order but the network's: within such a group
    /// the responses are put in a canonical order, so that which of them won a race is not a difference.
    /// </summary>
    private static List<ExchangeEvidence> InSendingOrder(IReadOnlyList<ExchangeEvidence> exchanges) =>
        [.. Evidence.SimultaneousRequests.CanonicalRuns(exchanges, x => x.Label, Fingerprint).SelectMany(r => r.Run)];

    private static string Fingerprint(ExchangeEvidence x) =>
        $"{x.Status} {x.ContentType} {x.BodyKind} {List(x.BodyFields)} {x.ErrorCode} {Header(x.TokenHeader)} {List(x.ClaimNames)} {x.Lifetime}";


    private static IEnumerable<string> CompareExchange(ExchangeEvidence a, ExchangeEvidence b)
    {
        if (a.Status != b.Status)
        {
            yield return $"status {a.Status} → {b.Status}";
        }

        if (a.ContentType != b.ContentType)
        {
            yield return $"content type {a.ContentType ?? "none"} → {b.ContentType ?? "none"}";
        }

        if (a.BodyKind != b.BodyKind)
        {
            yield return $"body {a.BodyKind} → {b.BodyKind}";
        }

        if (List(a.BodyFields) != List(b.BodyFields))
        {
            yield return $"body fields [{List(a.BodyFields)}] → [{List(b.BodyFields)}]";
        }

        if (a.ErrorCode != b.ErrorCode)
        {
            yield return $"error_code {a.ErrorCode ?? "none"} → {b.ErrorCode ?? "none"}";
        }

        var (ha, hb) = (Header(a.TokenHeader), Header(b.TokenHeader));
        if (ha != hb)
        {
            yield return $"token header {ha} → {hb}";
        }

        if (List(a.ClaimNames) != List(b.ClaimNames))
        {
            yield return $"claim names [{List(a.ClaimNames)}] → [{List(b.ClaimNames)}]";
        }

        if (a.Lifetime != b.Lifetime)
        {
            yield return $"exp - iat {a.Lifetime?.ToString(CultureInfo.InvariantCulture) ?? "none"} → {b.Lifetime?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
        }
    }

    private static bool SameObservation(string name, string a, string b) =>
        a == b || SameJsonObject(a, b) || (name.EndsWith("(s)", StringComparison.Ordinal)
            && long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x)
            && long.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y)
            && Math.Abs(x - y) <= SecondsTolerance);

    /// <summary>A JSON object observed (a token header, say) is the same whatever the order of its members.</summary>
    private static bool SameJsonObject(string a, string b)
    {
        if (!a.StartsWith('{') || !b.StartsWith('{'))
        {
            return false;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a), System.Text.Json.Nodes.JsonNode.Parse(b));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return false;
        }
    }

    private static string List(IReadOnlyList<string>? values) => values is null ? "none" : string.Join(", ", values);

    private static string Header(IReadOnlyDictionary<string, string>? header) =>
        header is null ? "none" : "{" + string.Join(", ", header.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {h.Value}")) + "}";
}

/// <summary>One case of a comparison: its differences (none: identical), or why it was not compared.</summary>
public sealed record CaseComparison(string Id, IReadOnlyList<string> Differences, string? NotComparedBecause);
