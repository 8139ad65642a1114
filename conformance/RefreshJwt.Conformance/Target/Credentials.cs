namespace RefreshJwt.Conformance.Target;

/// <summary>A cluster user's name and password; <see cref="ToString"/> never shows the password.</summary>
public sealed record Credentials(string Username, string Password)
{
    public override string ToString() => Username;
}
