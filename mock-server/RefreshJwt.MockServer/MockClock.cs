namespace RefreshJwt.MockServer;

/// <summary>
/// The mock's time: the system clock (or a frozen instant) plus an offset that moves forward, so a suite can
/// expire a token in no wall time, and that can be reset, so a suite can leave the mock as it found it.
/// </summary>
public sealed class MockClock : TimeProvider
{
    private readonly DateTimeOffset? _frozenAt;
    private long _offsetTicks;

    public MockClock(TimeSpan offset = default, DateTimeOffset? frozenAt = null)
    {
        _offsetTicks = offset.Ticks;
        StartOffset = offset;
        _frozenAt = frozenAt;
    }

    /// <summary>The offset the mock started with (<c>--clock-offset</c>): where a reset goes back to by default.</summary>
    public TimeSpan StartOffset { get; }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public bool IsFrozen => _frozenAt is not null;

    public override DateTimeOffset GetUtcNow() => (_frozenAt ?? System.GetUtcNow()) + Offset;

    /// <summary>Whole seconds since the epoch: the unit of <c>iat</c> and <c>exp</c>.</summary>
    public long UnixSeconds => GetUtcNow().ToUnixTimeSeconds();

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Sets the offset outright: back to <see cref="StartOffset"/>, or to one a suite read before it moved the clock.</summary>
    public void Reset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
