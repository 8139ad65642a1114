using System.Net;
using System.Text.Json;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>Reading responses: JSON bodies and the RS-style error body each profile promises.</summary>
internal static class HttpAssertions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The new token of a 200 from authorize or refresh_jwt, after checking the body is exactly <c>{"access_token"}</c>.</summary>
    public static async Task<string> AccessTokenAsync(this HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = await response.JsonAsync();
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "access_token" }));
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// An RS error body: <c>error_code</c> plus <c>message</c> or <c>description</c> as the profile says, or no body at
    /// all for <c>errorMessageField: none</c>.
    /// </summary>
    public static async Task AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string errorCode, MockProfile profile)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        if (profile.ErrorMessageField == ErrorMessageField.None)
        {
            Assert.That(text, Is.Empty);
            return;
        }

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = await response.JsonAsync();
        var textField = profile.ErrorMessageField == ErrorMessageField.Description ? "description" : "message";
        Assert.Multiple(() =>
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "error_code", textField }));
            Assert.That(body.GetProperty("error_code").GetString(), Is.EqualTo(errorCode));
            Assert.That(body.GetProperty(textField).GetString(), Is.Not.Empty);
        });
    }
}
