namespace RefreshJwt.Conformance.Target;

/// <summary>
/// How long past <c>exp</c> the target accepted a token, as the expiry cases measured it: presented just after
/// <c>exp</c>, then at growing intervals up to <c>--max-leeway</c>; on a movable clock the edge is then found to the second.
/// </summary>
/// <param name="Measured">False when expiry could not be measured (the token did not live the ttl asked for); <see cref="Problem"/> says why.</param>
/// <param name="AcceptedUntil">The last offset past <c>exp</c>, in seconds, at which the token was still accepted (0 when none was).</param>
/// <param name="RefusedAt">The first offset past <c>exp</c> at which it was refused; null when it was still accepted at <c>--max-leeway</c>.</param>
/// <param name="MaxLeeway">The run's <c>--max-leeway</c>.</param>
/// <param name="Method"><see cref="Clock"/> (the mock's clock was moved) or <see cref="Waited"/> (in real time).</param>
/// <param name="RefusalStatus">The status of the refusal, when there was one.</param>
/// <param name="Refusal">The refusal in one line (redacted), when there was one.</param>
/// <param name="Problem">Why expiry could not be measured.</param>
public sealed record LeewayMeasurement(
    bool Measured,
    long AcceptedUntil,
    long? RefusedAt,
    int MaxLeeway,
    string Method,
    int? RefusalStatus,
    string? Refusal = null,
    string? Problem = null)
{
    public const string Clock = "clock";
    public const string Waited = "waited";

    /// <summary>
    /// The leeway observed, in seconds: on a moved clock, the first second past <c>exp</c> at which the token was refused
    /// (a token is accepted while <c>now &lt; exp + leeway</c>); waited out, the last probe at which it was still
    /// accepted (a lower bound: the probes are seconds apart and this machine's clock is not the target's).
    /// </summary>
    public long Leeway => Method == Clock && RefusedAt is { } refused ? refused : AcceptedUntil;

    /// <summary>True when a refresh of the measurement got no answer (see <see cref="ReplyKind"/>): no leeway can be read from it.</summary>
    public bool NoAnswer { get; init; }

    public static LeewayMeasurement NotMeasured(string problem, int maxLeeway, string method) =>
        new(false, 0, null, maxLeeway, method, null, Problem: problem);

    public static LeewayMeasurement Unanswered(string problem, int maxLeeway, string method) =>
        NotMeasured(problem, maxLeeway, method) with { NoAnswer = true };
}
