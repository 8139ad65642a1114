using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;

namespace RefreshJwt.Conformance.Runner;

/// <summary>A catalogue entry: what <c>--list</c> prints and every report names.</summary>
public sealed record CaseInfo(string Id, Level Level, string Title, string Source);

/// <summary>One case's outcome with its evidence, everything already redacted.</summary>
public sealed record CaseResult(
    CaseInfo Case,
    Verdict Verdict,
    string? Reason,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<Exchange> Exchanges,
    SnapshotOutcome? Snapshot,
    TimeSpan Duration)
{
    /// <summary>Whether this case fails the run: a failed verdict, or a snapshot that drifted or is missing.</summary>
    public bool FailsRun => Verdict == Verdict.Fail || Snapshot?.Status is SnapshotStatus.Drifted or SnapshotStatus.Missing;

    /// <summary>Why the case ended as it did, every report's words: the reason, then any snapshot trouble with its diff.</summary>
    public string? Explanation
    {
        get
        {
            var parts = new List<string>();
            if (Verdict != Verdict.Pass && !string.IsNullOrWhiteSpace(Reason))
            {
                parts.Add(Reason);
            }

            if (Snapshot is { Status: SnapshotStatus.Missing } missing)
            {
                parts.Add($"snapshot missing: {missing.File} (write it with --update-snapshots, then commit it)");
            }
            else if (Snapshot is { Status: SnapshotStatus.Drifted } drifted)
            {
                parts.Add($"snapshot drift in {drifted.File} (- committed, + this run; accept with --update-snapshots):\n{drifted.Diff}");
            }

            return parts.Count == 0 ? null : string.Join("\n", parts);
        }
    }
}

/// <summary>A whole run: what it was against, each case, the totals and the exit code they give.</summary>
public sealed record RunResult(
    string Target,
    string AuthorizeStyle,
    string? SnapshotSet,
    bool Strict,
    DateTimeOffset Started,
    TimeSpan Duration,
    IReadOnlyList<CaseResult> Cases)
{
    public int Passed => Cases.Count(c => c.Verdict == Verdict.Pass && !c.FailsRun);

    public int Failed => Cases.Count(c => c.FailsRun);

    public int Warned => Cases.Count(c => c.Verdict == Verdict.Warn && !c.FailsRun);

    public int Skipped => Cases.Count(c => c.Verdict == Verdict.Skip);

    public int Recorded => Cases.Count(c => c.Verdict == Verdict.Info && !c.FailsRun);

    public int ExitCode => Failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;

    /// <summary>The closing line: <c>52 passed, 0 failed, 1 warning, 2 skipped; 14 INFO recorded</c>.</summary>
    public string Summary =>
        $"{Passed} passed, {Failed} failed, {Warned} warning{(Warned == 1 ? "" : "s")}, {Skipped} skipped; {Recorded} INFO recorded";
}
