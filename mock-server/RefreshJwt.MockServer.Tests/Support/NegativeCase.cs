namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>What a negative case may use: the mock's current time and a token the mock itself issued for the admin.</summary>
public sealed record NegativeContext(long Now, string Issued);

/// <summary>
/// One row of the JWT negative-case catalogue (N01–N34, listed in README "Case catalogue"): the Authorization header to send (null: none),
/// the refusal the journal must name, and the body's error_code.
/// </summary>
public sealed record NegativeCase(string Id, string Name, RefusalKind Refusal, Func<NegativeContext, string?> Authorization, string ErrorCode = "unauthorized")
{
    public override string ToString() => $"{Id} {Name}";
}
