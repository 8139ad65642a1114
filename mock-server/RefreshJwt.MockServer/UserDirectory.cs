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

    public UserDirectory(IEnumerable<MockUser> users)
    {
        _byUid = new ConcurrentDictionary<int, MockUser>(users.ToDictionary(u => u.Uid));
    }

    public static UserDirectory Load(string path)
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
        return problem is null ? new UserDirectory(users) : throw new MockConfigurationException($"users {path}: {problem}");
    }

    public IReadOnlyCollection<MockUser> All => _byUid.Values.OrderBy(u => u.Uid).ToList();

    public MockUser? Find(int uid) => _byUid.GetValueOrDefault(uid);

    public MockUser? FindByEmail(string email) =>
        _byUid.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    public MockUser? SetStatus(int uid, UserStatus status) =>
        _byUid.TryGetValue(uid, out var user) ? _byUid[uid] = user with { Status = status } : null;

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
