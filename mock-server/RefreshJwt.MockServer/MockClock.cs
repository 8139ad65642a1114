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
    public TimeSpan StartOffset { get; private set; }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public bool IsFrozen => _frozenAt is not null;

    public override DateTimeOffset GetUtcNow() => (_frozenAt ?? System.GetUtcNow()) + Offset;

    /// <summary>Whole seconds since the epoch: the unit of <c>iat</c> and <c>exp</c>.</summary>
    public long UnixSeconds => GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// The latest time, in whole seconds, the clock may show, whatever moves it (the admin API, a fault, a reset): past
    /// it, a token the mock issues would carry an <c>exp</c> the mock refuses to read.
    /// </summary>
    public const long LatestUnixSeconds = TokenService.LatestTime - ClusterApi.MaxTtl;

    private static readonly long LatestTicks = DateTimeOffset.FromUnixTimeSeconds(LatestUnixSeconds).UtcTicks;

    public void Advance(TimeSpan by)
    {
        if (!TryAdvance(by))
        {
            throw new ArgumentOutOfRangeException(nameof(by), $"the clock cannot move past {LatestUnixSeconds} s after 1970");
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, or not at all (false) when that passes <see cref="LatestUnixSeconds"/>.</summary>
    public bool TryAdvance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        while (true)
        {
            var current = Interlocked.Read(ref _offsetTicks);
            if (by.Ticks > Headroom(current))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _offsetTicks, current + by.Ticks, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>How many ticks the offset may still grow from <paramref name="offsetTicks"/>.</summary>
    private long Headroom(long offsetTicks) => LatestTicks - (_frozenAt ?? System.GetUtcNow()).UtcTicks - offsetTicks;

    /// <summary>
    /// Starts again from <paramref name="offset"/>, which resets then go back to: the profile's offset, set once it is
    /// read and before the mock answers anything, so no token was judged against the earlier start.
    /// </summary>
    internal void Restart(TimeSpan offset)
    {
        StartOffset = offset;
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
    }

    /// <summary>
    /// The earliest time, in whole seconds, the clock can show from now on: the offset only moves forward, and a reset
    /// goes no further back than <see cref="StartOffset"/>. What is refused before this time stays refused.
    /// </summary>
    public long FloorUnixSeconds => ((_frozenAt ?? System.GetUtcNow()) + StartOffset).ToUnixTimeSeconds();

    /// <summary>
    /// Sets the offset outright: back to <see cref="StartOffset"/>, or to one a suite read before it moved the clock.
    /// Never below <see cref="StartOffset"/>: a token forgotten as expired must not come back to life. False, and the
    /// clock stays, when the offset would put it past <see cref="LatestUnixSeconds"/>.
    /// </summary>
    public bool TryReset(TimeSpan offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, StartOffset);
        if (offset.Ticks > Headroom(0))
        {
            return false;
        }

        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        return true;
    }
}
