namespace RefreshJwt.Conformance.Catalogue;

/// <summary>"401 ... password has expired": a user whose password expired gets no new token.</summary>
[Order(9)]
public sealed class PasswordExpiryCases : ConformanceCases
{
    [Test]
    [Case("P01", Level.Must, "A token whose user's password has since expired is refused with 401; error_code recorded", Sources.RefreshJwt401, Basis.Reading, Readings = [Reading.PasswordRechecked])]
    public async Task Token_of_expired_password_is_refused()
    {
        SkipUnless(Target.ExpiredUser is not null, "needs a user whose password has expired: --expired-username with RS_EXPIRED_PASSWORD");
        SkipUnless(Target.Mock is not null, "needs --mock-control: only a mock's admin API can expire a password while its user holds a token");
        var user = Target.ExpiredUser!;
        await Target.Mock!.SetUserStatusAsync(user.Username, "active");
        try
        {
            var token = await TokenAsync(user: user);
            await Target.Mock.SetUserStatusAsync(user.Username, Contract.PasswordExpired);
            var reply = await Api.RefreshTokenAsync("refresh after the user's password expired", token.Raw, ttl: null);
            Observe("error_code", reply.ErrorCode);
            Expect.All(Expect.Refused(reply, "refresh for a user whose password expired"));
        }
        finally
        {
            await Target.Mock.SetUserStatusAsync(user.Username, Contract.PasswordExpired);
        }
    }

    [Test]
    [Case("P02", Level.Must, "Authorize as a user whose password has expired issues no token; status and error_code recorded", Sources.AuthorizeErrors, Basis.Documented, Quotes = [DocQuotes.PasswordExpired])]
    public async Task Expired_password_gets_no_token()
    {
        SkipUnless(Target.ExpiredUser is not null, "needs a user whose password has expired: --expired-username with RS_EXPIRED_PASSWORD");
        var reply = await Api.AuthorizeAsync("authorize as the user whose password expired", Target.ExpiredUser);
        Observe("status", reply.Status);
        Observe("error_code", reply.ErrorCode);
        Expect.All(Expect.NoToken(reply, "authorize with an expired password"), Expect.NoServerError(reply, "authorize with an expired password"));
    }
}
