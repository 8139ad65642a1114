using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>POST /v1/users/authorize: where every token the other cases use comes from.</summary>
[Order(1)]
public sealed class AuthorizeCases : ConformanceCases
{
    /// <summary>A username no cluster has: the reserved .invalid domain names no one.</summary>
    public const string NoSuchUser = "no-such-user@refresh-jwt-conformance.invalid";

    [Test]
    [Case("A01", Level.Must, "Authorize with valid credentials: 200 with an access_token", Sources.AuthorizeStatus, Basis.Documented, Quotes = [DocQuotes.UserAuthorized])]
    public async Task Valid_credentials_get_a_token()
    {
        var reply = await Api.AuthorizeAsync("authorize");
        Expect.All(Expect.IssuedToken(reply, "authorize", out _));
    }

    [Test]
    [Case("A02", Level.Must,
        "Authorize as a user that does not exist: 401, no token (--wrong-password-probe: the user's password with a suffix too)",
        Sources.AuthorizeStatus, Basis.Documented, Quotes = [DocQuotes.UserUnauthorized])]
    public async Task Wrong_credentials_are_refused()
    {
        // A user that does not exist has no failed logins to count: however often the suite runs, it locks no one.
        var nobody = new Credentials(NoSuchUser, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)));
        var reply = await Api.AuthorizeAsync("authorize as a user that does not exist", nobody);
        ObserveRefusal(reply);
        var unknown = Expect.Refused(reply, "authorize as a user that does not exist");
        if (!Target.Settings.WrongPasswordProbe)
        {
            Expect.All(unknown);
            return;
        }

        // Opted in: a failed login of the run's user, which counts toward the cluster's lockout of that user.
        var wrong = Target.Admin with { Password = Target.Admin.Password + "-wrong" };
        Expect.All(unknown, Expect.Refused(await Api.AuthorizeAsync("authorize with a wrong password", wrong), "authorize with a wrong password"));
    }

    [Test]
    [Case("A03", Level.Must, "Authorize without ttl: the token lives 300 s (exp - iat)", Sources.AuthorizeTtl, Basis.Documented, Quotes = [DocQuotes.TtlRange])]
    public async Task Default_lifetime_is_300_seconds()
    {
        var reply = await Api.AuthorizeAsync("authorize without ttl");
        Expect.All(Expect.IssuedToken(reply, "authorize", out var token), Expect.Lifetime(token, 300, "authorize without ttl"));
    }

    [Test]
    [Case("A04", Level.Must, "Authorize with ttl 60: the token lives 60 s", Sources.AuthorizeTtl, Basis.Documented, Quotes = [DocQuotes.TtlRange])]
    public async Task Ttl_sets_the_lifetime()
    {
        var reply = await Api.AuthorizeAsync("authorize with ttl 60", ttl: 60);
        Expect.All(Expect.IssuedToken(reply, "authorize", out var token), Expect.Lifetime(token, 60, "authorize with ttl 60"));
    }

    [Test]
    [Case("A05", Level.Info, "Which credential styles authorize takes: Basic header (7.8.2 on) and/or JSON body (before)", Sources.Authorize, Basis.Open)]
    public async Task Credential_styles_are_recorded()
    {
        var basic = await Api.AuthorizeAsync("authorize with a Basic header", style: AuthorizeStyle.Basic);
        var body = await Api.AuthorizeAsync("authorize with body credentials", style: AuthorizeStyle.Body);
        Observe("Basic header", basic.Outcome);
        Observe("JSON body", body.Outcome);
    }
}
