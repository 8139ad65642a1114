using System.Text.Json;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Turns exchanges into what a snapshot pins: the JWT-aware projection of issue #4. Token strings, signatures and
/// absolute times never reach it; the status, content type, body field names, error code, decoded token header,
/// claim names and <c>exp - iat</c> do.
/// </summary>
public static class Normalizer
{
    public static NormalizedResponse Normalize(Reply reply)
    {
        var json = reply.Json;
        var kind = (reply.Status, json?.ValueKind) switch
        {
            (0, _) => "no response",
            (_, JsonValueKind.Object) => "json object",
            (_, JsonValueKind.Array) => "json array",
            (_, not null) => "json value",
            _ when reply.Body.Length == 0 => "empty",
            _ => "text",
        };
        var fields = json is { ValueKind: JsonValueKind.Object } body
            ? body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList()
            : null;
        var token = reply.Token is { } decoded
            ? new NormalizedToken(
                // Member order is no part of a JSON object's meaning: sorted, a header reads the same from every server.
                decoded.Header.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value.ToString()),
                decoded.ClaimNames,
                decoded.Lifetime)
            : null;
        return new NormalizedResponse(reply.Status, reply.ContentType?.Replace(" ", "").ToLowerInvariant(), fields, reply.ErrorCode, token, kind);
    }

    /// <summary>A case's exchanges as its snapshot holds them, in order.</summary>
    public static IReadOnlyList<object> Snapshot(IEnumerable<Exchange> exchanges) => exchanges
        .Select(e => (object)new
        {
            e.Label,
            Request = $"{e.Method} {e.Path}",
            Authorization = e.AuthorizationScheme,
            Body = e.RequestBody,
            Response = e.Normalized,
        })
        .ToList();
}
