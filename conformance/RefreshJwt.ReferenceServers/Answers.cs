using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RefreshJwt.ReferenceServers;

/// <summary>How the server answers: a token, a JSON document, or a refusal shaped by its <see cref="ErrorField"/> and codes.</summary>
public sealed class Answers(ReferenceChoices choices)
{
    private static readonly Dictionary<Refusal, string> Messages = new()
    {
        [Refusal.WrongCredentials] = "Invalid username or password",
        [Refusal.PasswordExpired] = "The password has expired",
        [Refusal.MissingToken] = "Authentication required",
        [Refusal.InvalidToken] = "Invalid token",
        [Refusal.ExpiredToken] = "The token has expired",
        [Refusal.RevokedToken] = "The token is no longer valid",
        [Refusal.BadTtl] = "ttl must be an integer from 1 to 86400",
        [Refusal.MalformedRequest] = "The request body is not valid",
        [Refusal.UnknownUser] = "No such user",
    };

    public static Task TokenAsync(HttpContext context, string token) => JsonAsync(context, 200, new Dictionary<string, object> { ["access_token"] = token });

    public static Task JsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    public Task RefuseAsync(HttpContext context, int status, Refusal why)
    {
        context.Response.StatusCode = status;
        if (choices.ErrorField == ErrorField.EmptyBody)
        {
            return Task.CompletedTask;
        }

        var body = new Dictionary<string, object>();
        if (choices.CodeFor(why) is { } code)
        {
            body["error_code"] = code;
        }

        body[choices.ErrorField == ErrorField.Message ? "message" : "description"] = Messages[why];
        return JsonAsync(context, status, body);
    }
}
