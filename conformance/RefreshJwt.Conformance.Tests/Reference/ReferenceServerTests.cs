using System.Net;
using System.Text;
using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>A first look at a reference server over HTTP, before whole runs: it issues a token and refuses a wrong password.</summary>
public sealed class ReferenceServerTests
{
    [Test]
    public async Task It_issues_a_token_for_basic_credentials_and_refuses_a_wrong_password()
    {
        await using var server = await ReferenceServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        using var good = await http.SendAsync(Authorize(server.Admin.Email, server.Admin.Password));
        using var bad = await http.SendAsync(Authorize(server.Admin.Email, "not-the-password"));

        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await good.Content.ReadAsStringAsync(), Does.StartWith("{\"access_token\":\"eyJ"));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Its_date_header_and_its_tokens_follow_its_own_clock()
    {
        await using var server = await ReferenceServer.StartAsync(new() { ClockOffset = TimeSpan.FromMinutes(10) });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        server.Clock.Advance(TimeSpan.FromMinutes(5));
        using var answer = await http.SendAsync(Authorize(server.Admin.Email, server.Admin.Password));

        var ahead = answer.Headers.Date!.Value - DateTimeOffset.UtcNow;
        Assert.That(ahead.TotalSeconds, Is.InRange(14 * 60, 16 * 60), "ten minutes of offset and five advanced");
        using var claims = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Segment(await answer.Content.ReadAsStringAsync(), 1))));
        Assert.That(claims.RootElement.GetProperty("iat").GetInt64(), Is.EqualTo(server.Clock.GetUtcNow().ToUnixTimeSeconds()).Within(2));
    }

    /// <summary>The <paramref name="index"/>th segment of the token in an authorize answer, as standard padded base64.</summary>
    private static string Segment(string answer, int index)
    {
        var segment = System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("access_token").GetString()!.Split('.')[index].Replace('-', '+').Replace('_', '/');
        return segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '=');
    }

    private static HttpRequestMessage Authorize(string user, string password) => new(HttpMethod.Post, "/v1/users/authorize")
    {
        Headers = { Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };
}
