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

    /// <summary>
    /// The earliest time, in whole seconds, the clock can show from now on: the offset only moves forward, and a reset
    /// goes no further back than <see cref="StartOffset"/>. What is refused before this time stays refused.
    /// </summary>
    public long FloorUnixSeconds => ((_frozenAt ?? System.GetUtcNow()) + StartOffset).ToUnixTimeSeconds();

    /// <summary>
    /// Sets the offset outright: back to <see cref="StartOffset"/>, or to one a suite read before it moved the clock.
    /// Never below <see cref="StartOffset"/>: a token forgotten as expired must not come back to life.
    /// </summary>
    public void Reset(TimeSpan offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, StartOffset);
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
    }
}
