namespace RefreshJwt.MockServer;

/// <summary>
/// The cluster's login lockout, by the mock's clock: every refused password of a known user counts; the count starts
/// again <see cref="MockProfile.LoginLockoutCounterResetAfter"/> seconds after its first refusal, and (by the
/// profile) after a successful login. At <see cref="MockProfile.LoginLockoutThreshold"/> the user is locked: status
/// <c>locked</c>, every login 401, until <see cref="MockProfile.LoginLockoutDuration"/> has passed or an admin unlocks.
/// </summary>
internal sealed class LoginLockout(MockProfile profile, UserDirectory users, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (int Count, DateTimeOffset Since)> _failures = [];

    /// <summary>Counts a refused password of <paramref name="user"/>; true when it locked the user.</summary>
    public bool Failed(MockUser user)
    {
        if (profile.LoginLockoutThreshold == 0 || user.Status == UserStatus.Locked)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var window = TimeSpan.FromSeconds(profile.LoginLockoutCounterResetAfter);
        lock (_gate)
        {
            var (count, since) = _failures.GetValueOrDefault(user.Uid);
            if (count == 0 || (window > TimeSpan.Zero && now - since >= window))
            {
                (count, since) = (0, now);
            }

            if (++count < profile.LoginLockoutThreshold)
            {
                _failures[user.Uid] = (count, since);
                return false;
            }

            _failures.Remove(user.Uid);
        }

        users.Lock(user.Uid, profile.LoginLockoutDuration == 0 ? null : now.AddSeconds(profile.LoginLockoutDuration));
        return true;
    }

    /// <summary>A login that succeeded: the count starts again if the profile says a success resets it.</summary>
    public void Succeeded(MockUser user)
    {
        if (profile.LoginLockoutSuccessResets)
        {
            Forget(user.Uid);
        }
    }

    /// <summary>Drops the count, as an admin's status change does.</summary>
    public void Forget(int uid)
    {
        lock (_gate)
        {
            _failures.Remove(uid);
        }
    }
}
