namespace RefreshJwt.MockServer;

/// <summary>
/// C10: a client that logs in again with a password the cluster just refused is warned while the account is still open:
/// a cluster locks it after <see cref="MockProfile.LoginLockoutThreshold"/> refusals (five by default).
/// </summary>
public sealed partial class ClientReport
{
    private const string LockoutDoc = "https://redis.io/docs/latest/operate/rs/security/access-control/manage-passwords/login-lockout/";

    // Refused logins in a row, by user: bounded by the users the mock knows, as only a known user is named.
    private readonly Dictionary<string, int> _refusedInARow = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The refusals in a row that draw the warning: the second, or sooner when the lock is nearer.</summary>
    private int WarnAt => profile.LoginLockoutThreshold == 0 ? 2 : Math.Clamp(profile.LoginLockoutThreshold - 1, 1, 2);

    /// <summary>Called under the report's lock.</summary>
    private void CheckLockout(JournalEntry entry, string endpoint)
    {
        if (endpoint != "authorize" || entry.User is not { } user)
        {
            return;
        }

        switch (entry.Refusal?.Kind)
        {
            case RefusalKind.WrongCredentials:
                var inARow = _refusedInARow[user] = _refusedInARow.GetValueOrDefault(user) + 1;
                if (inARow >= WarnAt)
                {
                    _tallies["C10"].Add(entry.Time, "a refused password again");
                }

                break;
            case RefusalKind.UserLocked:
                _tallies["C10"].Add(entry.Time, "a login to a locked account");
                break;
            case null when entry.Status == 200:
                _refusedInARow.Remove(user);
                break;
        }
    }
}
