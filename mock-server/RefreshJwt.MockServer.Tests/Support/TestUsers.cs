namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>A username and password as a client sends them.</summary>
internal sealed record Credentials(string Email, string Password);

/// <summary>The users of <c>fixtures/users.json</c>.</summary>
internal static class TestUsers
{
    public static readonly Credentials Admin = new("admin@example.com", "Passw0rd!");

    public static readonly Credentials Expired = new("expired@example.com", "Expired-1");

    public const string AdminUid = "1";

    public const string ExpiredUid = "2";
}
