using System.Text.Json;
using RefreshJwt.Conformance.Catalogue;
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
            InvariantsBrokenOutsideCases = result.OutsideCases,
            Expiry = result.Leeway is not { } leeway ? null : new
            {
                leeway.Measured,
                LeewaySeconds = leeway.Measured ? leeway.Leeway : (long?)null,
                AcceptedUntilSeconds = leeway.AcceptedUntil,
                RefusedAtSeconds = leeway.RefusedAt,
                MaxLeewaySeconds = leeway.MaxLeeway,
                leeway.Method,
                leeway.RefusalStatus,
                leeway.Problem,
            },
            Cases = result.Cases.Select(c => new
            {
                c.Case.Id,
                c.Case.Level,
                c.Case.Title,
                c.Case.Source,
                Basis = new
                {
                    c.Case.Basis.Kind,
                    c.Case.Basis.Quotes,
                    Readings = c.Case.Basis.Readings.Select(ContractReadings.Of).Select(r => new { r.Name, r.Anchor }),
                },
                Verdict = c.Final,
                c.FailsRun,
                c.Reason,
                InvariantsBroken = c.Violations,
                Observations = c.Observations.Select(o => new { o.Key, o.Name, o.Value, o.Number }),
                Observed = c.Observations.GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.Last().Number is { } n ? (object)n : g.Last().Value),
                c.Snapshot,
                DurationSeconds = Math.Round(c.Duration.TotalSeconds, 3),
                c.Exchanges,
            }),
        },
        Options);
}
