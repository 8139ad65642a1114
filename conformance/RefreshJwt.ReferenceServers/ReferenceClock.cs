namespace RefreshJwt.ReferenceServers;

/// <summary>The server's own time: this machine's, moved by an offset a test (or the admin API) can change.</summary>
public sealed class ReferenceClock(TimeSpan initialOffset) : TimeProvider
{
    private long _offsetTicks = initialOffset.Ticks;

    public TimeSpan InitialOffset { get; } = initialOffset;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Seconds since the Unix epoch, with the fraction: a token is valid while this is below its <c>exp</c>.</summary>
    public double UnixNow => GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
