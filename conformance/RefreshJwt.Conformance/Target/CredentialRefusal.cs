using RefreshJwt.Conformance.Catalogue;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// Why the target refused the run's credentials, as far as its answer tells, and what to do about it: an expired
/// password and a locked user each have their own answer on some clusters; a plain 401 may be either a wrong
/// password or a lock.
/// </summary>
public static class CredentialRefusal
{
    /// <summary>How long a cluster keeps a user locked by default (<c>login_lockout_duration</c>, 1800 s).</summary>
    private const string LockoutDuration = "30 minutes";

    /// <summary>The likely cause and its fix, for the refusals of <paramref name="user"/> in <paramref name="replies"/>.</summary>
    public static string Explain(string user, IReadOnlyList<Reply> replies)
    {
        var unlock = $"wait for the lockout to end ({LockoutDuration} by default) or have an admin unlock it (rladmin cluster reset_password {user})";
        if (replies.Any(r => string.Equals(r.ErrorCode, Contract.PasswordExpired, StringComparison.OrdinalIgnoreCase)))
        {
            return $"the password of {user} has expired: set a new password for the user and put it in RS_PASSWORD";
        }

        if (replies.Any(r => r.ErrorCode?.Contains("lock", StringComparison.OrdinalIgnoreCase) == true
            || r.Body.Contains("locked", StringComparison.OrdinalIgnoreCase)))
        {
            return $"{user} is locked after too many failed logins: {unlock}";
        }

        return replies.Any(r => r.Status == 401)
            ? $"wrong username or password: check --username and RS_PASSWORD (a cluster may answer a user locked after too many failed logins "
              + $"the same way: then {unlock})"
            : "no 401, no token: check that --target is the cluster's REST API (https, port 9443) and try --authorize basic or body";
    }
}
