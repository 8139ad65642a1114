using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary><c>report.html</c>: one self-contained page (to be written).</summary>
public static class HtmlReport
{
    public static string Render(RunResult result) => $"<!doctype html><title>refresh_jwt conformance</title><p>{System.Net.WebUtility.HtmlEncode(result.Summary)}</p>";
}
