using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RefreshJwt.ReferenceServers;

/// <summary>
/// <c>POST /v1/users/authorize</c>, <c>POST /v1/users/refresh_jwt</c> and <c>GET /v1/users/{uid}</c> as
/// docs/contract.md describes them, every open point decided by the server's <see cref="ReferenceChoices"/>.
/// </summary>
public sealed class TokenEndpoints(ReferenceChoices choices, IReadOnlyList<ReferenceUser> users, TokenMinter minter, TokenVerifier verifier)
{
    private readonly Answers _answers = new(choices);

    public async Task AuthorizeAsync(HttpContext context)
    {
        var (body, readable) = await RequestReader.BodyAsync(context, choices.DuplicateKeys);
        if (!readable)
        {
            await _answers.RefuseAsync(context, 400, Refusal.MalformedRequest);
            return;
        }

        var (username, password) = choices.Credentials == CredentialStyle.Basic
            ? RequestReader.Basic(context.Request.Headers.Authorization.ToString())
            : (RequestReader.Text(body, "username"), RequestReader.Text(body, "password"));
        if (username is null || password is null)
        {
            // A Basic server was sent no credentials (401); a body server a request without them (400, malformed).
            await _answers.RefuseAsync(context, choices.Credentials == CredentialStyle.Basic ? 401 : 400,
                choices.Credentials == CredentialStyle.Basic ? Refusal.WrongCredentials : Refusal.MalformedRequest);
            return;
        }

        var user = users.FirstOrDefault(u => string.Equals(u.Email, username, StringComparison.OrdinalIgnoreCase));
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password)))
        {
            await _answers.RefuseAsync(context, 401, Refusal.WrongCredentials);
        }
        else if (user.Status == ReferenceUser.PasswordExpired)
        {
            await _answers.RefuseAsync(context, choices.PasswordExpiredStatus, Refusal.PasswordExpired);
        }
        else if (TtlReader.Lifetime(body, choices.Ttl) is not { } lifetime)
        {
            await _answers.RefuseAsync(context, 400, Refusal.BadTtl);
        }
        else
        {
            await Answers.TokenAsync(context, minter.Issue(user, lifetime));
        }
    }

    public async Task RefreshAsync(HttpContext context)
    {
        if (await HolderAsync(context) is not { } holder)
        {
            return;
        }

        var (user, token) = holder;
        var (body, readable) = await RequestReader.BodyAsync(context, choices.DuplicateKeys);
        if (!readable)
        {
            await _answers.RefuseAsync(context, 400, Refusal.MalformedRequest);
        }
        else if (TtlReader.Lifetime(body, choices.Ttl) is not { } lifetime)
        {
            await _answers.RefuseAsync(context, 400, Refusal.BadTtl);
        }
        else if (!verifier.Consume(token))
        {
            await _answers.RefuseAsync(context, 401, Refusal.RevokedToken);
        }
        else
        {
            await Answers.TokenAsync(context, minter.Issue(user, lifetime));
        }
    }

    public async Task UserAsync(HttpContext context)
    {
        if (await HolderAsync(context) is null)
        {
            return;
        }

        var uid = context.Request.RouteValues["uid"]?.ToString();
        var user = users.FirstOrDefault(u => u.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture) == uid);
        await (user is null ? _answers.RefuseAsync(context, 404, Refusal.UnknownUser) : Answers.JsonAsync(context, 200, user.Public()));
    }

    /// <summary>The user holding the presented token and the token, or null once the refusal is sent.</summary>
    private async Task<(ReferenceUser User, string Token)?> HolderAsync(HttpContext context)
    {
        var headers = context.Request.Headers.Authorization;
        if (headers.Count == 0)
        {
            await _answers.RefuseAsync(context, 401, Refusal.MissingToken);
            return null;
        }

        var token = headers.Count == 1 ? Presented(headers.ToString()) : null;
        var (user, why) = token is null ? (null, Refusal.InvalidToken) : verifier.Verify(token);
        if (user is null || token is null)
        {
            await _answers.RefuseAsync(context, 401, why);
            return null;
        }

        if (user.Status == ReferenceUser.PasswordExpired)
        {
            await _answers.RefuseAsync(context, 401, Refusal.PasswordExpired);
            return null;
        }

        return (user, token);
    }

    /// <summary>The token after the documented scheme <c>JWT</c> (or <c>Bearer</c>, when accepted) and one space.</summary>
    private string? Presented(string header)
    {
        string[] schemes = choices.AcceptBearer ? ["JWT ", "Bearer "] : ["JWT "];
        var scheme = schemes.FirstOrDefault(s => header.StartsWith(s, StringComparison.Ordinal));
        var token = scheme is null ? "" : header[scheme.Length..].Trim(' ');
        return token.Length == 0 ? null : token;
    }
}
