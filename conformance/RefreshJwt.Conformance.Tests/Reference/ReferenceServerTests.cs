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

    private static HttpRequestMessage Authorize(string user, string password) => new(HttpMethod.Post, "/v1/users/authorize")
    {
        Headers = { Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))) },
    };
}
