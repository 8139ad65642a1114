using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using Snapshooter;
using Snapshooter.Exceptions;
using Snapshooter.NUnit;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Compares a case's normalized exchanges with its committed snapshot through Snapshooter, which keeps them in
/// <c>fixtures/snapshots/LABEL/__snapshots__/ID.snap</c> (and a drifted one in <c>__snapshots__/__mismatch__/</c>). A drifted snapshot fails the case with a line diff; a missing one is written, or fails
/// the case on CI; <c>--update-snapshots</c> writes them all.
/// </summary>
public static class CaseSnapshots
{
    private const string StrictMode = "SNAPSHOOTER_STRICT_MODE";
    private const string SnapshotFolder = "__snapshots__";

    public static void Compare(CaseRecord record, RunSettings settings, TestResult result)
    {
        if (settings.SnapshotLabel is null || record.Verdict == Catalogue.Verdict.Skip || record.Exchanges.Count == 0)
        {
            return;
        }

        var folder = Path.Combine(settings.SnapshotRoot, settings.SnapshotLabel);
        var file = Path.Combine(folder, SnapshotFolder, record.CaseId + ".snap");
        var existed = File.Exists(file);
        if (settings.UpdateSnapshots && existed)
        {
            File.Delete(file);
            existed = false;
        }

        var strict = Environment.GetEnvironmentVariable(StrictMode);
        Environment.SetEnvironmentVariable(StrictMode, settings.Ci && !settings.UpdateSnapshots ? "true" : "false");
        try
        {
            Snapshot.Match(Normalizer.Snapshot(record.Exchanges), new SnapshotFullName(record.CaseId + ".snap", folder));
            record.Snapshot = new SnapshotOutcome(existed ? SnapshotStatus.Matched : SnapshotStatus.Written, file);
        }
        catch (SnapshotNotFoundException)
        {
            record.Snapshot = new SnapshotOutcome(SnapshotStatus.Missing, file);
            Fail(result, $"snapshot missing: {file} (run with --update-snapshots and commit it)");
        }
        catch (Exception e) when (e is AssertionException or SnapshotCompareException)
        {
            var mismatch = Path.Combine(folder, SnapshotFolder, "__mismatch__", record.CaseId + ".snap");
            var diff = Diff(File.ReadAllText(file), File.Exists(mismatch) ? File.ReadAllText(mismatch) : "");
            record.Snapshot = new SnapshotOutcome(SnapshotStatus.Drifted, file, diff);
            Fail(result, $"snapshot drift in {file} (- committed, + this run; accept with --update-snapshots):\n{diff}");
        }
        finally
        {
            Environment.SetEnvironmentVariable(StrictMode, strict);
        }
    }

    /// <summary>The changed lines with two lines of context, as <c>- old</c> / <c>+ new</c>.</summary>
    public static string Diff(string committed, string current)
    {
        var lines = InlineDiffBuilder.Diff(committed.ReplaceLineEndings("\n"), current.ReplaceLineEndings("\n")).Lines;
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
                {
                    keep[j] = true;
                }
            }
        }

        return string.Join('\n', lines.Select((line, i) => keep[i] ? Prefix(line.Type) + line.Text : null).Where(l => l is not null));
    }

    private static string Prefix(ChangeType type) => type switch
    {
        ChangeType.Deleted => "- ",
        ChangeType.Inserted => "+ ",
        _ => "  ",
    };

    private static void Fail(TestResult result, string message)
    {
        var verdict = result.ResultState.Status == TestStatus.Failed ? result.Message + "\n" : "";
        result.SetResult(ResultState.Failure, verdict + message);
    }
}
