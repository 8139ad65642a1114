using System.Diagnostics;
using System.Security;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Runner;

/// <summary>
/// Runs the catalogue (the NUnit cases of this assembly) with NUnit's own runner against one target, one case
/// after another, printing a line per case as it finishes.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>The whole catalogue in id order, read from the case attributes: what <c>--list</c> prints.</summary>
    public static IReadOnlyList<CaseInfo> Catalogue() =>
        typeof(ConformanceCases).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttributes(typeof(CaseAttribute), false).OfType<CaseAttribute>().FirstOrDefault())
            .OfType<CaseAttribute>()
            .Select(a => new CaseInfo(a.Id, a.Level, a.Title, a.Source, a.CaseBasis))
            .OrderBy(c => c.Id, CaseOrder.Instance)
            .ToList();

    /// <summary>Case ids given to more than one case: a catalogue with any cannot be run (its verdicts would be ambiguous).</summary>
    public static IReadOnlyList<string> DuplicateIds() =>
        Catalogue().GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    /// <summary>
    /// Opens the target (throws <see cref="TargetUnavailableException"/>), runs the cases, puts back what the run changed
    /// on the target (also when it fails, and when <paramref name="interrupt"/> fires: then it throws
    /// <see cref="OperationCanceledException"/> once the target is put back) and closes it. An exception that
    /// is no case's verdict ends the run: <see cref="HarnessException"/> (exit 3), or the target's own (exit 2).
    /// <paramref name="redactor"/>, when given, learns the run's secrets, so the caller's error messages are redacted too.
    /// </summary>
    public static async Task<RunResult> RunAsync(RunSettings settings, TextWriter progress, Evidence.Redactor? redactor = null, CancellationToken interrupt = default)
    {
        if (DuplicateIds() is { Count: > 0 } duplicates)
        {
            throw new HarnessException($"the catalogue gives more than one case the id {string.Join(", ", duplicates)}");
        }

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var session = await TargetSession.OpenAsync(settings, progress, redactor);
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var loaded = runner.Load(typeof(ConformanceCases).Assembly, new Dictionary<string, object>
        {
            [NUnit.FrameworkPackageSettings.NumberOfTestWorkers] = 0,
            [NUnit.FrameworkPackageSettings.RandomSeed] = settings.Seed,
        });

        // The session is handed to each case through the test tree, not through a global: two runs never share one.
        loaded.Properties.Set(CaseAttribute.SessionProperty, session);
        var listener = new ProgressListener(progress, session);
        var running = Task.Run(() => runner.Run(listener, Filter(settings.Cases)), CancellationToken.None);
        await Task.WhenAny(running, Task.Delay(Timeout.Infinite, interrupt));
        if (!running.IsCompleted)
        {
            // Interrupted: the target is put back now; the cases still running are abandoned with the process.
            session.Stop("(interrupted)", new OperationCanceledException(interrupt));
            try
            {
                await session.RestoreAsync().WaitAsync(settings.Timeout * 2);
            }
            catch (Exception e)
            {
                throw new InterruptedRestoreException(e.Message, e);
            }

            throw new OperationCanceledException(interrupt);
        }

        await running;
        if (session.Stopped is var (caseId, error))
        {
            throw error is TargetUnavailableException unavailable
                ? new TargetUnavailableException($"case {caseId}: {unavailable.Message}")
                : new HarnessException($"case {caseId}: {error.GetType().Name}: {error.Message}", error);
        }

        var cases = listener.Results.OrderBy(c => c.Case.Id, CaseOrder.Instance).ToList();
        return new RunResult(
            session.Description,
            session.AuthorizeStyle.ToString().ToLowerInvariant(),
            settings.SnapshotLabel,
            settings.Strict,
            started,
            clock.Elapsed,
            cases)
        {
            OutsideCases = session.Invariants.OutsideCases.Select(session.Redactor.Redact).ToList()!,
            Leeway = session.Leeway,
        };
    }

    private static ITestFilter Filter(IReadOnlyList<string> ids) => ids.Count == 0
        ? TestFilter.Empty
        : TestFilter.FromXml($"<filter><or>{string.Concat(ids.Select(id => $"<prop name=\"{CaseAttribute.IdProperty}\">{SecurityElement.Escape(id)}</prop>"))}</or></filter>");
}

/// <summary>The harness itself broke while judging (a bug, not a verdict): the run exits 3 with the details in a log.</summary>
public sealed class HarnessException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The run was interrupted, and putting back what it changed on the target failed.</summary>
public sealed class InterruptedRestoreException(string message, Exception inner) : Exception(message, inner);

/// <summary>Case ids in catalogue order: by group letter as the catalogue introduces them, then by number.</summary>
public sealed class CaseOrder : IComparer<string>
{
    public static readonly CaseOrder Instance = new();

    /// <summary>The groups in the order the run takes them ([Order] of each fixture); a letter not listed goes last.</summary>
    private const string Groups = "AVTENFPIR";

    public int Compare(string? x, string? y)
    {
        var byGroup = Rank(x).CompareTo(Rank(y));
        return byGroup != 0 ? byGroup : string.CompareOrdinal(x, y);
    }

    private static int Rank(string? id) => Groups.IndexOf(id is { Length: > 0 } ? id[0] : ' ') is var at and >= 0 ? at : Groups.Length;
}
