namespace RefreshJwt.MockServer;

/// <summary>A rule as <c>GET /__mock/faults</c> lists it: what it does, how many requests it saw and faulted, how many are left.</summary>
public sealed record FaultView(int Id, FaultRule Rule, string Action, int Matched, int Applied, int? Remaining);

/// <summary>A rule in force, with its counters and its seeded random draws.</summary>
internal sealed class ActiveFault(int id, FaultRule rule)
{
    private int _matched;
    private int _applied;

    public int Id { get; } = id;

    public FaultRule Rule { get; } = rule;

    public Random Random { get; } = new(rule.Seed);

    /// <summary>Called under the injector's lock.</summary>
    public bool Fires(FaultEndpoint endpoint)
    {
        if ((Rule.Endpoint != FaultEndpoint.Any && Rule.Endpoint != endpoint) || Rule.Count is { } count && _applied >= count)
        {
            return false;
        }

        _matched++;
        if (Rule.Fraction is { } fraction && Random.NextDouble() >= fraction)
        {
            return false;
        }

        _applied++;
        return true;
    }

    public FaultView View() => new(Id, Rule, Rule.Describe(), _matched, _applied, Rule.Count is { } count ? Math.Max(0, count - _applied) : null);
}
