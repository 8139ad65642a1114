using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// The faithful mock a deviant server sits in front of, with what a deviation needs to misbehave convincingly:
/// the mock's key, its clock, and token surgery of its own (not the suite's, not the mock's).
/// </summary>
public sealed class Upstream : IDisposable
{
    public const string SigningKey = "proof-of-power-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    private Upstream(MockServerHost mock)
    {
        Mock = mock;
        Http = new HttpClient { BaseAddress = new Uri(mock.BaseUrl) };
    }

    public MockServerHost Mock { get; }

    public HttpClient Http { get; }

    public static Upstream Start(string profile = "rs-7.8", Func<MockProfile, MockProfile>? adjust = null, TimeSpan clockOffset = default, string? usersPath = null) =>
        new(MockServerHost.Start(new MockServerOptions
        {
            Port = 0,
            UseHttps = false,
            Profile = profile,
            UsersPath = usersPath,
            SigningKey = SigningKey,
            AdjustProfile = adjust,
            ClockOffset = clockOffset,
        }));

    public long Now => Mock.Clock.UnixSeconds;

    /// <summary>The claims of a token, read without any check; null when it is not three (or two) base64url JSON segments.</summary>
    public static JsonObject? Claims(string? token)
    {
        var segments = token?.Split('.');
        if (segments is not { Length: 2 or 3 })
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(segments[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>An HS256 token over <paramref name="claims"/> with the mock's own key: one the mock accepts.</summary>
    public static string Sign(JsonObject claims, string key = SigningKey, string header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
    {
        var input = $"{Encode(header)}.{Encode(claims.ToJsonString())}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(input));
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>A fresh valid token for <paramref name="uid"/>, issued on the mock's clock.</summary>
    public string FreshToken(string uid = "1", int lifetime = 300) =>
        Sign(new JsonObject { ["iat"] = Now, ["exp"] = Now + lifetime, ["uid"] = uid });

    public async Task SetStatusAsync(int uid, string status) =>
        (await Http.PutAsJsonAsync($"/__mock/users/{uid}/status", new { status })).EnsureSuccessStatusCode();

    public void Dispose()
    {
        Http.Dispose();
        Mock.Dispose();
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
