namespace RefreshJwt.Conformance;

/// <summary>The conformance run's exit codes, as README documents them.</summary>
public static class ExitCodes
{
    /// <summary>Every MUST case passed (SHOULD failures only warned) and no snapshot drifted.</summary>
    public const int Ok = 0;

    /// <summary>A MUST case failed, a SHOULD case failed under --strict, or a snapshot drifted or is missing on CI.</summary>
    public const int Failed = 1;

    /// <summary>
    /// Bad usage, an unreachable target, a TLS failure or refused credentials: nothing was judged and no report is
    /// written. Once the flags are read, an earlier run's reports are removed first; a flag error leaves them untouched.
    /// </summary>
    public const int Usage = 2;

    /// <summary>
    /// The harness itself broke (an exception that is no case's verdict, wherever it was thrown); nothing more was
    /// judged. junit.xml alone is written: one <c>refresh_jwt.HARNESS</c> testcase whose <c>error</c> (type
    /// <c>internal</c>) is the line printed on stderr; the details are in refresh-jwt-conformance-error.log in the report folder.
    /// </summary>
    public const int Internal = 3;

    /// <summary>
    /// Interrupted (Ctrl+C) after what the run changed on the target was put back. junit.xml alone is written: one
    /// <c>refresh_jwt.HARNESS</c> testcase whose <c>error</c> (type <c>interrupted</c>) is the line printed on stderr.
    /// </summary>
    public const int Interrupted = 130;
}
