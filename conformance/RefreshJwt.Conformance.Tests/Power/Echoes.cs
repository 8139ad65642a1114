using System.Text;
using System.Text.Json.Nodes;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// A target that answers like the mock but copies each request's Authorization header and body into its answer:
/// a JSON object answer gains an <c>echo</c> member, any other body is followed by the copy, and the copy goes into
/// the <c>WWW-Authenticate</c> and <c>X-Echo</c> headers too. Whatever the suite sends, it reads back.
/// </summary>
public static class Echoes
{
    public static readonly Deviation Everything = new("echoes the request's Authorization and body into every answer", [], Response: Echo);

    private static ProxyResponse Echo(ProxyRequest request, ProxyResponse response, Upstream upstream)
    {
        var copy = $"{request.Authorization ?? "(no Authorization)"} {request.Body ?? "(no body)"}";
        var body = response.Json is { } json
            ? Add(json, "echo", new JsonObject { ["authorization"] = request.Authorization, ["body"] = request.Body }).ToJsonString()
            : response.Body + " echo: " + copy;

        // A header value is printable ASCII: what else the request held is left out there, never the credentials.
        var header = new string(copy.Where(c => c is >= ' ' and <= '~').ToArray());
        return response with
        {
            Body = body,
            Headers = new Dictionary<string, string>
            {
                ["WWW-Authenticate"] = $"Basic realm=\"{header.Replace("\"", "'", StringComparison.Ordinal)}\"",
                ["X-Echo"] = header,
            },
        };
    }

    private static JsonObject Add(JsonObject json, string name, JsonNode value)
    {
        json[name] = value;
        return json;
    }

    /// <summary>The credentials of a Basic header or a JSON body, as this target reads them; null when it holds none.</summary>
    public static (string Username, string Password)? Credentials(ProxyRequest request)
    {
        if (request.Authorization is { } value && value.StartsWith("Basic ", StringComparison.Ordinal))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(value[6..].Trim()));
                return pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (pair[..colon], pair[(colon + 1)..]) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        try
        {
            return request.Body is not null && JsonNode.Parse(request.Body) is JsonObject body
                && body["username"] is JsonValue user && user.TryGetValue<string>(out var name)
                && body["password"] is JsonValue password && password.TryGetValue<string>(out var secret)
                ? (name, secret)
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
