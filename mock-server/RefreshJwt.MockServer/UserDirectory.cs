using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefreshJwt.MockServer;

/// <summary>A cluster user as <c>GET /v1/users/{uid}</c> shows it, plus the password the mock checks.</summary>
public sealed record MockUser
{
    public required int Uid { get; init; }

    public required string Email { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Password { get; init; }

    public string Name { get; init; } = "";

    public string Role { get; init; } = "db_viewer";

    public UserStatus Status { get; init; } = UserStatus.Active;

    public bool PasswordMatches(string password) =>
        Password is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Password), Encoding.UTF8.GetBytes(password));
}

/// <summary>The user object's documented <c>status</c> values.</summary>
public enum UserStatus
{
    Active,
    Locked,
    PasswordExpired,
}

/// <summary>The users the mock knows, read from <c>fixtures/users.json</c> or <c>--users FILE</c>; status can change at run time.</summary>
public sealed class UserDirectory
{
    private readonly ConcurrentDictionary<int, MockUser> _byUid;

    // When a lockout's lock ends, by the mock's clock; a lock an admin set has none.
    private readonly ConcurrentDictionary<int, DateTimeOffset> _lockedUntil = new();
    private readonly TimeProvider _clock;

    public UserDirectory(IEnumerable<MockUser> users, TimeProvider? clock = null)
    {
        _byUid = new ConcurrentDictionary<int, MockUser>(users.ToDictionary(u => u.Uid));
        _clock = clock ?? TimeProvider.System;
    }

    public static UserDirectory Load(string path, TimeProvider? clock = null)
    {
        var users = Fixtures.ReadJson<List<MockUser>>(path);
        var problem = users switch
        {
            [] => "the file lists no users",
            _ when users.Any(u => u.Uid < 1) => "every uid must be a positive integer",
            _ when users.Any(u => string.IsNullOrWhiteSpace(u.Email)) => "every user needs an email",
            _ when users.Any(u => string.IsNullOrEmpty(u.Password)) => "every user needs a password",
            _ when users.DistinctBy(u => u.Uid).Count() != users.Count => "two users share a uid",
            _ when users.DistinctBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Count() != users.Count => "two users share an email",
            _ => null,
        };
        return problem is null ? new UserDirectory(users, clock) : throw new MockConfigurationException($"users {path}: {problem}");
    }

    public IReadOnlyCollection<MockUser> All => _byUid.Values.OrderBy(u => u.Uid).Select(Current).ToList();

    public MockUser? Find(int uid) => _byUid.TryGetValue(uid, out var user) ? Current(user) : null;

    public MockUser? FindByEmail(string email) =>
        _byUid.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)) is { } user ? Current(user) : null;

    /// <summary>Sets the status outright, as an admin does: a lock set so lasts until it is lifted.</summary>
    public MockUser? SetStatus(int uid, UserStatus status)
    {
        _lockedUntil.TryRemove(uid, out _);
        return _byUid.TryGetValue(uid, out var user) ? _byUid[uid] = user with { Status = status } : null;
    }

    /// <summary>Locks a user as a lockout does: until <paramref name="until"/> by the mock's clock, or (null) until an admin unlocks.</summary>
    internal void Lock(int uid, DateTimeOffset? until)
    {
        SetStatus(uid, UserStatus.Locked);
        if (until is { } end)
        {
            _lockedUntil[uid] = end;
        }
    }

    /// <summary>The user as of now: a lockout's lock that has run out is lifted.</summary>
    private MockUser Current(MockUser user)
    {
        if (user.Status != UserStatus.Locked || !_lockedUntil.TryGetValue(user.Uid, out var until) || _clock.GetUtcNow() < until)
        {
            return user;
        }

        // Lifted once: a concurrent reader that finds it gone sees the active user already stored.
        return _lockedUntil.TryRemove(KeyValuePair.Create(user.Uid, until))
            ? _byUid[user.Uid] = user with { Status = UserStatus.Active }
            : _byUid[user.Uid];
    }

    /// <summary>The user as the REST API returns it: never the password.</summary>
    public static object ToResource(MockUser user) => new
    {
        uid = user.Uid,
        email = user.Email,
        name = user.Name,
        role = user.Role,
        status = JsonNamingPolicy.SnakeCaseLower.ConvertName(user.Status.ToString()),
        auth_method = "regular",
    };
}
