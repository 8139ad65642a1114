namespace RefreshJwt.MockServer;

/// <summary>
/// Login lockout as the cluster policy has it (<c>login_lockout_*</c>, docs/ and README "Login lockout"): a user whose
/// password is refused <see cref="LoginLockoutThreshold"/> times is locked, answered 401 and shown <c>locked</c>.
/// </summary>
public sealed partial record MockProfile
{
    /// <summary>The lockout settings, as <see cref="NotObserved"/> may name them.</summary>
    internal static string[] LockoutSettings =>
        ["loginLockoutThreshold", "loginLockoutCounterResetAfter", "loginLockoutDuration", "loginLockoutSuccessResets"];

    /// <summary>Refused passwords that lock a user (RS <c>login_lockout_threshold</c>, documented default 5); 0: no lockout.</summary>
    public int LoginLockoutThreshold { get; init; } = 5;

    /// <summary>
    /// Seconds from a user's first counted refusal after which the count starts again (RS
    /// <c>login_lockout_counter_reset_after</c>, documented default 900); 0: the count never lapses.
    /// </summary>
    public int LoginLockoutCounterResetAfter { get; init; } = 900;

    /// <summary>Seconds a lock lasts (RS <c>login_lockout_duration</c>, documented default 1800); 0: until an admin unlocks the user.</summary>
    public int LoginLockoutDuration { get; init; } = 1800;

    /// <summary>Whether a successful login sets the count back to 0. The docs do not say; the mock's choice is that it does.</summary>
    public bool LoginLockoutSuccessResets { get; init; } = true;

    /// <summary>A week: longer than any policy a test would set, short enough that no time overflows.</summary>
    private const int MaxLockoutSeconds = 604_800;

    private MockProfile ValidateLockout(string path)
    {
        string? problem = this switch
        {
            { LoginLockoutThreshold: < 0 or > 1000 } => "loginLockoutThreshold must be from 0 (off) to 1000",
            { LoginLockoutCounterResetAfter: < 0 or > MaxLockoutSeconds } =>
                $"loginLockoutCounterResetAfter must be from 0 (never) to {MaxLockoutSeconds} s",
            { LoginLockoutDuration: < 0 or > MaxLockoutSeconds } =>
                $"loginLockoutDuration must be from 0 (until an admin unlocks) to {MaxLockoutSeconds} s",
            _ => null,
        };
        return problem is null ? this : throw new MockConfigurationException($"profile {path}: {problem}");
    }
}
