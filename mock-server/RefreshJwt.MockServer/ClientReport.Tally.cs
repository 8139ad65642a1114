using System.Globalization;

namespace RefreshJwt.MockServer;

public sealed partial class ClientReport
{
    /// <summary>How often a rule was broken, when first, the kinds seen (at most 10), and the extremes of an amount (seconds late, early, left).</summary>
    private sealed class Tally
    {
        private const int MaxKinds = 10;
        private readonly SortedDictionary<string, int> _kinds = new(StringComparer.Ordinal);
        private long? _largest;
        private long? _smallest;
        private DateTimeOffset? _first;

        public int Count { get; private set; }

        public string First => _first?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

        public void Add(DateTimeOffset time, string? kind, long? amount = null)
        {
            Count++;
            _first ??= time;
            if (kind is not null)
            {
                var key = _kinds.Count < MaxKinds || _kinds.ContainsKey(kind) ? kind : "others";
                _kinds[key] = _kinds.GetValueOrDefault(key) + 1;
            }

            if (amount is { } a)
            {
                _largest = Math.Max(_largest ?? a, a);
                _smallest = Math.Min(_smallest ?? a, a);
            }
        }

        public void Clear()
        {
            Count = 0;
            _kinds.Clear();
            _largest = _smallest = null;
            _first = null;
        }

        public string Detail(string id)
        {
            var kinds = string.Join(", ", _kinds.Select(k => k.Value == 1 ? k.Key : $"{k.Key} ×{k.Value}"));
            var what = id switch
            {
                "C01" => $"sent another scheme word {Count}× ({kinds})",
                "C02" => $"asked for an invalid ttl {Count}× ({kinds})",
                "C03" => $"sent credentials where the cluster does not read them {Count}× ({kinds})",
                "C04" => $"sent a bad token {Count}× ({kinds})",
                "C05" => $"reused a revoked token {Count}×",
                "C06" => $"sent an expired token {Count}×" + (_largest is { } late ? $" (up to {late} s late)" : "") + (kinds.Length > 0 ? $" ({kinds})" : ""),
                "C07" => $"ignored Retry-After {Count}×" + (_largest is { } early ? $" (up to {early} s early)" : ""),
                "C08" => $"logged in again while holding a valid token {Count}×" + (_largest is { } left ? $" (up to {left} s left)" : ""),
                "C09" => $"refreshed before half the lifetime {Count}×" + (_smallest is { } soonest ? $" (as soon as {soonest}% into it)" : ""),
                "C10" => $"sent a login again after its password was refused {Count}× ({kinds})",
                _ => $"{Count}×",
            };
            return what;
        }
    }
}

/// <summary>The report as <c>GET /__mock/client-report</c> returns it.</summary>
public sealed record ClientReportView(string Verdict, string Line, string Profile, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<ClientCheck> Checks)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Failed => Verdict == "fail";
}

/// <summary>One rule of the report: passed, warned (SHOULD) or failed (MUST), how often, and what was seen.</summary>
public sealed record ClientCheck(string Id, string Level, string Title, string Verdict, int Count, string? Detail, string Source);
