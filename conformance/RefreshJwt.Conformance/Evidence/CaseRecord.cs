using NUnit.Framework.Interfaces;
using RefreshJwt.Conformance.Catalogue;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>What one case saw and concluded: its exchanges, the values it observed, its verdict and snapshot.</summary>
public sealed class CaseRecord(string caseId, Level level)
{
    private static readonly AsyncLocal<CaseRecord?> CurrentRecord = new();

    private readonly List<Exchange?> _exchanges = [];
    private readonly List<Observation> _observations = [];
    private readonly List<string> _violations = [];
    private readonly List<string> _unanswered = [];
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

    /// <summary>The run's invariants this case's requests broke (a 5xx, a token outside 1..86400 s, a forgery accepted).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return _violations.ToList();
            }
        }
    }

    /// <summary>The observations as one line: what an INFO case reports.</summary>
    public string ObservationText => Observation.Text(Observations);

    /// <summary>How the snapshot comparison went; null when the run compares no snapshots.</summary>
    public SnapshotOutcome? Snapshot { get; set; }

    /// <summary>
    /// Turns NUnit's outcome into a verdict under the case's level: SHOULD warns unless strict, INFO records. A broken
    /// invariant fails the case whatever its level: an INFO case records a silent choice, it never hides a broken rule.
    /// A case on a reading that fails says so first (<paramref name="reading"/>), then why.
    /// </summary>
    public void Judge(TestStatus status, string? message, bool strict, string? reading = null)
    {
        message = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (status == TestStatus.Failed && reading is not null)
        {
            message = message is null ? reading : $"{reading}\n{message}";
        }

        var violations = Violations;
        List<string> unanswered;
        lock (_gate)
        {
            unanswered = [.. _unanswered];
        }

        if (violations.Count > 0 || unanswered.Count > 0)
        {
            var broken = string.Join("\n", violations.Select(v => $"invariant broken: {v}").Concat(unanswered));
            var also = status == TestStatus.Failed && message is not null && !unanswered.Contains(message) ? $"\n{message}" : "";
            (Verdict, Reason) = (Verdict.Fail, broken + also);
            return;
        }

        (Verdict, Reason) = (status, Level) switch
        {
            (TestStatus.Skipped or TestStatus.Inconclusive, _) => (Verdict.Skip, message),
            (_, Level.Info) => (Verdict.Info, string.Join("; ", new[] { ObservationText, status == TestStatus.Failed ? $"and: {message}" : null }.Where(t => !string.IsNullOrEmpty(t)))),
            (TestStatus.Failed, Level.Should) when !strict => (Verdict.Warn, message),
            (TestStatus.Failed, _) => (Verdict.Fail, message),
            _ => (Verdict.Pass, message),
        };
    }

    /// <summary>Records an invariant this case's request broke; it fails the case whatever its level.</summary>
    public void Violate(string what)
    {
        lock (_gate)
        {
            _violations.Add(what);
        }
    }

    /// <summary>
    /// Records that requests the case needed answered got none (a redirect, silence, a reset, an answer over the cap):
    /// like a broken invariant it fails the case whatever its level, for no answer is never a pass, nor an observation.
    /// </summary>
    public void Unanswered(string what)
    {
        lock (_gate)
        {
            _unanswered.Add(what);
        }
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

/// <summary>
/// A value a case recorded about the target, for example <c>ttl 0 = 400 invalid_ttl</c>. <see cref="Key"/> is its
/// stable machine name (<c>ttl_0</c>), <see cref="Number"/> its value when that is a number: what tools read.
/// </summary>
public sealed record Observation(string Name, string Value)
{
    public string Key { get; } = KeyOf(Name);

    public double? Number { get; } = double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The name in lower case, every run of other characters one underscore: <c>Bearer &lt;token&gt;</c> is <c>bearer_token</c>.</summary>
    /// <summary>Observations as one line, <c>ttl 0: refused: 400 invalid_ttl; ttl -1: …</c>: what an INFO case reports.</summary>
    public static string Text(IEnumerable<Observation> observations) => string.Join("; ", observations.Select(o => $"{o.Name}: {o.Value}"));

    public static string KeyOf(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "_").Trim('_');
}

public enum SnapshotStatus
{
    Matched,
    Written,
    Drifted,
    Missing,
}

/// <summary>The snapshot verdict of a case, with a line diff when it drifted.</summary>
public sealed record SnapshotOutcome(SnapshotStatus Status, string File, string? Diff = null);
