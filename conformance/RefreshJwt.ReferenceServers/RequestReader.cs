using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RefreshJwt.ReferenceServers;

/// <summary>What a request carries: its JSON body under the server's duplicate-key policy, and Basic credentials.</summary>
public static class RequestReader
{
    /// <summary>The JSON object sent (null when no body was), and whether the body could be read as one.</summary>
    public static async Task<(Dictionary<string, JsonElement>? Body, bool Readable)> BodyAsync(HttpContext context, DuplicateKeys policy)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            return (null, true);
        }

        var body = StrictJson.Object(buffer.ToArray(), policy);
        return (body, body is not null);
    }

    /// <summary>A string member of the body, or null.</summary>
    public static string? Text(Dictionary<string, JsonElement>? body, string name) =>
        body is not null && body.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The user and password of a Basic Authorization header, or nulls.</summary>
    public static (string? Username, string? Password) Basic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
