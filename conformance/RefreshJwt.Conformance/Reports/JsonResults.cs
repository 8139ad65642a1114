using System.Text.Json;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Reports;

/// <summary><c>results.json</c>: the whole run for machines: ids, levels, verdicts, observed values, evidence.</summary>
public static class JsonResults
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Render(RunResult result) => JsonSerializer.Serialize(
        new
        {
            Tool = "RefreshJwt.Conformance",
            result.Target,
            result.AuthorizeStyle,
            result.SnapshotSet,
            result.Strict,
            result.Started,
            DurationSeconds = Math.Round(result.Duration.TotalSeconds, 3),
            Summary = new { result.Passed, result.Failed, Warnings = result.Warned, result.Skipped, Info = result.Recorded, result.ExitCode },
            Cases = result.Cases.Select(c => new
            {
                c.Case.Id,
                c.Case.Level,
                c.Case.Title,
                c.Case.Source,
                c.Verdict,
                c.FailsRun,
                c.Reason,
                Observations = c.Observations.Select(o => new { o.Name, o.Value }),
                c.Snapshot,
                DurationSeconds = Math.Round(c.Duration.TotalSeconds, 3),
                c.Exchanges,
            }),
        },
        Options);
}
