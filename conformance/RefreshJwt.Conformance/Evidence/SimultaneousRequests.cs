namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Requests sent at once (labelled "… 1 of 6", "… 2 of 6") have no order but the network's: which of them won a race
/// is no difference between two runs. Snapshots and the fidelity comparison both read them in one canonical order.
/// </summary>
public static partial class SimultaneousRequests
{
    /// <summary>
    /// The items in runs: a group sent at once (its label prefix) sorted by <paramref name="fingerprint"/>, or one item
    /// sent alone (prefix null), in the order they were sent.
    /// </summary>
    public static IEnumerable<(string? Prefix, IReadOnlyList<T> Run)> CanonicalRuns<T>(IEnumerable<T> items, Func<T, string> label, Func<T, string> fingerprint)
    {
        string? prefix = null;
        var run = new List<T>();
        foreach (var item in items)
        {
            var group = Group().Match(label(item)) is { Success: true } m ? m.Groups[1].Value : null;
            if (run.Count > 0 && (group is null || group != prefix))
            {
                yield return (prefix, Sorted(run));
                run = [];
            }

            prefix = group;
            run.Add(item);
        }

        if (run.Count > 0)
        {
            yield return (prefix, Sorted(run));
        }

        IReadOnlyList<T> Sorted(List<T> items) => [.. items.OrderBy(fingerprint, StringComparer.Ordinal)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*) \d+ of \d+$")]
    private static partial System.Text.RegularExpressions.Regex Group();
}
