using System.Text.Json;

namespace RefreshJwt.Conformance.Target;

/// <summary>A cluster user's name and password; <see cref="ToString"/> never shows the password.</summary>
public sealed record Credentials(string Username, string Password)
{
    /// <summary>The JSON body authorize reads credentials from before RS 7.8.2, with an optional ttl.</summary>
    public string JsonBody(int? ttl = null) =>
        $"{{\"username\":{JsonSerializer.Serialize(Username)},\"password\":{JsonSerializer.Serialize(Password)}{(ttl is null ? "" : $",\"ttl\":{ttl}")}}}";

    public override string ToString() => Username;
}
