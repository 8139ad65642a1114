using NUnit.Framework.Interfaces;
using RefreshJwt.Conformance.Catalogue;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>What one case saw and concluded: its exchanges, the values it observed, its verdict and snapshot.</summary>
public sealed class CaseRecord(string caseId, Level level)
{
    private static readonly AsyncLocal<CaseRecord?> CurrentRecord = new();

    private readonly List<Exchange?> _exchanges = [];
    private readonly List<Observation> _observations = [];
    private readonly Lock _gate = new();

    /// <summary>The record of the case running on this flow; null outside a case.</summary>
    public static CaseRecord? Current
    {
        get => CurrentRecord.Value;
        set => CurrentRecord.Value = value;
    }

    public string CaseId { get; } = caseId;

    public Level Level { get; } = level;

    public Verdict Verdict { get; private set; } = Verdict.Skip;

    /// <summary>Why the case passed, failed or was skipped, in a sentence or two (already redacted).</summary>
    public string? Reason { get; private set; }

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.OfType<Exchange>().ToList();
            }
        }
    }

    public IReadOnlyList<Observation> Observations
    {
        get
        {
            lock (_gate)
            {
                return _observations.ToList();
            }
        }
    }

    /// <summary>How the snapshot comparison went; null when the run compares no snapshots.</summary>
    public SnapshotOutcome? Snapshot { get; set; }

    /// <summary>Turns NUnit's outcome into a verdict under the case's level: SHOULD warns unless strict, INFO never fails.</summary>
    public void Judge(TestStatus status, string? message, bool strict)
    {
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        (Verdict, Reason) = (status, Level) switch
        {
            (TestStatus.Skipped or TestStatus.Inconclusive, _) => (Verdict.Skip, message),
            (_, Level.Info) => (Verdict.Info, string.Join("; ", Observations.Select(o => $"{o.Name}: {o.Value}").Append(status == TestStatus.Failed ? $"and: {message}" : null).OfType<string>())),
            (TestStatus.Failed, Level.Should) when !strict => (Verdict.Warn, message),
            (TestStatus.Failed, _) => (Verdict.Fail, message),
            _ => (Verdict.Pass, message),
        };
    }

    /// <summary>
    /// Holds the next place in the evidence for a request about to be sent, so requests sent together are kept in
    /// the order they were sent, not the order their responses came back: snapshots stay stable.
    /// </summary>
    public Action<Exchange> Reserve()
    {
        lock (_gate)
        {
            var slot = _exchanges.Count;
            _exchanges.Add(null);
            return exchange =>
            {
                lock (_gate)
                {
                    _exchanges[slot] = exchange;
                }
            };
        }
    }

    public void Observe(string name, string value)
    {
        lock (_gate)
        {
            _observations.Add(new Observation(name, value));
        }
    }
}

/// <summary>A value a case recorded about the target, for example <c>status for ttl 0 = 400</c>.</summary>
public sealed record Observation(string Name, string Value);

public enum SnapshotStatus
{
    Matched,
    Written,
    Drifted,
    Missing,
}

/// <summary>The snapshot verdict of a case, with a line diff when it drifted.</summary>
public sealed record SnapshotOutcome(SnapshotStatus Status, string File, string? Diff = null);
