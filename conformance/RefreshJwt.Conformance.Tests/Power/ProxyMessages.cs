using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>A request passing through the deviant server, before it is forwarded to the faithful mock.</summary>
public sealed record ProxyRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public bool IsRefresh => Method == "POST" && Path == "/v1/users/refresh_jwt";

    public bool IsAuthorize => Method == "POST" && Path == "/v1/users/authorize";

    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The token after "JWT ", when the request carries one.</summary>
    public string? Token => Authorization is { } value && value.StartsWith("JWT ", StringComparison.Ordinal) ? value[4..].Trim() : null;

    /// <summary>The username of a Basic header.</summary>
    public string? BasicUser => Authorization is { } value && value.StartsWith("Basic ", StringComparison.Ordinal)
        ? Encoding.UTF8.GetString(Convert.FromBase64String(value[6..])).Split(':')[0]
        : null;

    /// <summary>The body's ttl member; null when there is none or the body is no JSON object this proxy can read (a duplicate member, say).</summary>
    public JsonNode? Ttl
    {
        get
        {
            try
            {
                return Body is null ? null : (JsonNode.Parse(Body) as JsonObject)?["ttl"];
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                return null;
            }
        }
    }

    public ProxyRequest WithAuthorization(string value) => this with { Headers = new Dictionary<string, string>(Headers) { ["Authorization"] = value } };

    public ProxyRequest WithBody(string? body) => this with { Body = body };
}

/// <summary>
/// The faithful mock's answer on its way back, before the deviation has its say; <paramref name="Headers"/>: any more
/// headers to send.
/// </summary>
public sealed record ProxyResponse(int Status, string? ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public JsonObject? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public string? AccessToken => Json?["access_token"]?.GetValue<string>();

    public static ProxyResponse Token(string token) => new(200, "application/json", new JsonObject { ["access_token"] = token }.ToJsonString());

    public ProxyResponse WithAccessToken(string token) => this with { Body = new JsonObject { ["access_token"] = token }.ToJsonString() };
}
