namespace RefreshJwt.Conformance;

/// <summary>Everything one conformance run needs to know, from the command line and the environment.</summary>
public sealed record RunSettings
{
    /// <summary>The cluster's base URL; null runs against the embedded mock.</summary>
    public Uri? Target { get; init; }

    public string? Username { get; init; }

    /// <summary>From <c>RS_PASSWORD</c>; never from the command line, never printed.</summary>
    public string? Password { get; init; }

    /// <summary>A user whose password has expired (optional): <c>--expired-username</c> and <c>RS_EXPIRED_PASSWORD</c>.</summary>
    public string? ExpiredUsername { get; init; }

    public string? ExpiredPassword { get; init; }

    /// <summary>The target's HMAC key, when known (<c>RS_SIGNING_KEY</c>): lets the claim cases sign validly.</summary>
    public byte[]? SigningKey { get; init; }

    public bool Insecure { get; init; }

    public string? CaCertificate { get; init; }

    public AuthorizeStyle Authorize { get; init; } = AuthorizeStyle.Auto;

    /// <summary>SHOULD failures fail the run instead of warning.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Whether case A02 also sends the QA user's password with a suffix. That is a failed login of the QA user, and a
    /// cluster locks a user after 5 of them within 15 minutes (its defaults) whatever logins succeeded in between:
    /// off, A02 sends only credentials of a user that does not exist, which no lockout can count against anyone.
    /// </summary>
    public bool WrongPasswordProbe { get; init; }

    /// <summary>Seconds past <c>exp</c> within which a token SHOULD be refused (case E03).</summary>
    public int ExpiryMargin { get; init; } = 2;

    /// <summary>Seconds past <c>exp</c> by which a token MUST be refused (case E01): the longest the expiry cases wait.</summary>
    public int MaxLeeway { get; init; } = 300;

    /// <summary>
    /// Whether a <c>--target</c>'s mock admin API (<c>/__mock</c>) may be used: its clock moved, its users' statuses
    /// changed (and put back at the end). Always true in effect for the embedded mock.
    /// </summary>
    public bool MockControl { get; init; }

    /// <summary>Per-request timeout: no request waits longer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Only these case ids (all when empty).</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];

    /// <summary>The snapshot set compared with: <c>mock</c> for the embedded mock, null to compare none.</summary>
    public string? SnapshotLabel { get; init; }

    /// <summary>The folder holding one folder per snapshot set.</summary>
    public string SnapshotRoot { get; init; } = "";

    public bool UpdateSnapshots { get; init; }

    /// <summary>Whether this is a CI run (<c>CI=true</c>): a missing snapshot fails instead of being written.</summary>
    public bool Ci { get; init; }

    public string ReportDirectory { get; init; } = "conformance-report";

    /// <summary>The embedded mock's profile.</summary>
    public string MockProfile { get; init; } = "rs-7.8";

    /// <summary>Seed of the generated malformed tokens (case F01).</summary>
    public int Seed { get; init; } = 20261126;

    /// <summary><c>--observe FILE</c>: write what the run observed as a mock profile.</summary>
    public string? ObserveProfile { get; init; }

    /// <summary><c>--fidelity</c>: observe, run the embedded mock with the observed profile, compare the two runs.</summary>
    public bool Fidelity { get; init; }

    /// <summary><c>--compare A B</c>: compare two existing results.json files; nothing is run.</summary>
    public IReadOnlyList<string> CompareRuns { get; init; } = [];

    public bool IsEmbeddedMock => Target is null;
}

/// <summary>How the suite presents credentials to <c>POST /v1/users/authorize</c>.</summary>
public enum AuthorizeStyle
{
    /// <summary>Basic first (RS 7.8.2 and later), then a JSON body (earlier releases).</summary>
    Auto,

    Basic,

    Body,
}
