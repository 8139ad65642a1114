namespace RefreshJwt.Conformance.Target;

/// <summary>
/// What came back for a request. Only <see cref="Answered"/> is an answer a case may judge by its status: every other
/// kind is an outcome of its own, never a refusal and never "not a 5xx, so fine".
/// </summary>
public enum ReplyKind
{
    /// <summary>A complete HTTP answer that is no redirect, within <see cref="HttpTransport.MaxAnswerBytes"/>.</summary>
    Answered,

    /// <summary>A 3xx with a <c>Location</c>: never followed, reported as such.</summary>
    Redirected,

    /// <summary>An answer larger than <see cref="HttpTransport.MaxAnswerBytes"/>: only its first bytes are kept.</summary>
    TooLarge,

    /// <summary>No complete answer within <c>--timeout</c>.</summary>
    TimedOut,

    /// <summary>The connection was reset or closed before a complete answer, or the answer was no HTTP.</summary>
    Dropped,

    /// <summary>No connection: refused, unknown host, or a TLS failure.</summary>
    Unreachable,
}
