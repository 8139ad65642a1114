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
            .Select(a => new CaseInfo(a.Id, a.Level, a.Title, a.Source))
            .OrderBy(c => c.Id, CaseOrder.Instance)
            .ToList();

    /// <summary>Opens the target (throws <see cref="TargetUnavailableException"/>), runs the cases, closes the target.</summary>
    public static async Task<RunResult> RunAsync(RunSettings settings, TextWriter progress, Evidence.Redactor? redactor = null)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var session = await TargetSession.OpenAsync(settings, redactor);
        TargetSession.Current = session;
        try
        {
            var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
            runner.Load(typeof(ConformanceCases).Assembly, new Dictionary<string, object>
            {
                [NUnit.FrameworkPackageSettings.NumberOfTestWorkers] = 0,
                [NUnit.FrameworkPackageSettings.RandomSeed] = settings.Seed,
            });
            var listener = new ProgressListener(progress, session);
            runner.Run(listener, Filter(settings.Cases));
            var cases = listener.Results.OrderBy(c => c.Case.Id, CaseOrder.Instance).ToList();
            return new RunResult(
                session.Description,
                session.AuthorizeStyle.ToString().ToLowerInvariant(),
                settings.SnapshotLabel,
                settings.Strict,
                started,
                clock.Elapsed,
                cases);
        }
        finally
        {
            TargetSession.Current = null;
        }
    }

    private static ITestFilter Filter(IReadOnlyList<string> ids) => ids.Count == 0
        ? TestFilter.Empty
        : TestFilter.FromXml($"<filter><or>{string.Concat(ids.Select(id => $"<prop name=\"{CaseAttribute.IdProperty}\">{SecurityElement.Escape(id)}</prop>"))}</or></filter>");
}

/// <summary>Case ids in catalogue order: by group letter as the catalogue introduces them, then by number.</summary>
public sealed class CaseOrder : IComparer<string>
{
    public static readonly CaseOrder Instance = new();

    private const string Groups = "AVTENFPI";

    public int Compare(string? x, string? y)
    {
        var byGroup = Groups.IndexOf(x?[0] ?? ' ').CompareTo(Groups.IndexOf(y?[0] ?? ' '));
        return byGroup != 0 ? byGroup : string.CompareOrdinal(x, y);
    }
}
