using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Runner;

/// <summary>A catalogue entry: what <c>--list</c> prints and every report names, with what its expectation rests on.</summary>
public sealed record CaseInfo(string Id, Level Level, string Title, string Source, CaseBasis Basis);

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
    /// <summary>The run's invariants this case's requests broke (each also fails the case).</summary>
    public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>Whether this case fails the run: a failed verdict, or a snapshot that drifted or is missing.</summary>
    public bool FailsRun => Verdict == Verdict.Fail || Snapshot?.Status is SnapshotStatus.Drifted or SnapshotStatus.Missing;

    /// <summary>The verdict every report shows and counts: <see cref="Verdict.Fail"/> whenever the case fails the run.</summary>
    public Verdict Final => FailsRun ? Verdict.Fail : Verdict;

    /// <summary><c>PASS</c>, <c>FAIL</c>, <c>WARN</c>, <c>INFO</c> or <c>SKIP</c>: the one label of <see cref="Final"/>.</summary>
    public string Label => Final.ToString().ToUpperInvariant();

    /// <summary>What an INFO case recorded, as one line (the same text its reason carries).</summary>
    public string InfoText => Observation.Text(Observations);

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
    /// <summary>Invariants broken by requests no case sent (the credential probe): each fails the run.</summary>
    public IReadOnlyList<string> OutsideCases { get; init; } = [];

    /// <summary>The expiry measurement, when an expiry case ran: the leeway observed.</summary>
    public LeewayMeasurement? Leeway { get; init; }

    public int Passed => Count(Verdict.Pass);

    public int Failed => Count(Verdict.Fail);

    public int Warned => Count(Verdict.Warn);

    public int Skipped => Count(Verdict.Skip);

    public int Recorded => Count(Verdict.Info);

    public int ExitCode => Failed > 0 || OutsideCases.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;

    /// <summary>The closing line: <c>52 passed, 0 failed, 1 warning, 2 skipped; 14 INFO recorded</c>.</summary>
    public string Summary =>
        $"{Passed} passed, {Failed} failed, {Warned} warning{(Warned == 1 ? "" : "s")}, {Skipped} skipped; {Recorded} INFO recorded"
        + (OutsideCases.Count == 0 ? "" : $"; {OutsideCases.Count} invariant{(OutsideCases.Count == 1 ? "" : "s")} broken outside any case");

    /// <summary>The cases whose <see cref="CaseResult.Final"/> verdict is <paramref name="verdict"/>: the one way every report counts.</summary>
    public int Count(Verdict verdict, IEnumerable<CaseResult>? cases = null) => (cases ?? Cases).Count(c => c.Final == verdict);
}
