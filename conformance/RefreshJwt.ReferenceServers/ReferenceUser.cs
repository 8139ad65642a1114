namespace RefreshJwt.ReferenceServers;

/// <summary>A user of the reference server; its status changes when a test (or the admin API) expires a password.</summary>
public sealed class ReferenceUser(int uid, string email, string password, string role, string status)
{
    public const string Active = "active";
    public const string PasswordExpired = "password_expired";

    public int Uid { get; } = uid;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public string Role { get; } = role;

    public string Status { get; set; } = status;

    /// <summary>What <c>GET /v1/users/{uid}</c> answers: the user without its password.</summary>
    public Dictionary<string, object> Public() => new()
    {
        ["uid"] = Uid,
        ["email"] = Email,
        ["name"] = Email.Split('@')[0],
        ["role"] = Role,
        ["status"] = Status,
        ["auth_method"] = "regular",
    };
}
