using System.Text.Json;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Turns exchanges into what a snapshot pins: a JWT-aware projection. Token strings, signatures and
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
                // A name sent twice keeps its last value, as most parsers read it.
                decoded.Header.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => Tokens.TolerantJson.Text(g.Last().Value)),
                decoded.ClaimNames,
                decoded.Lifetime)
            : null;
        return new NormalizedResponse(reply.Status, reply.ContentType?.Replace(" ", "").ToLowerInvariant(), fields, reply.ErrorCode, token, kind);
    }

    /// <summary>
    /// A case's exchanges as its snapshot holds them, in order; requests sent at once ("… 1 of 6", "… 2 of 6") have no
    /// order but the network's, so within such a group the responses are sorted and numbered again: which of them won a
    /// race (one 200 among 401s, against a server that revokes) is no difference between two runs.
    /// </summary>
    public static IReadOnlyList<object> Snapshot(IEnumerable<Exchange> exchanges) => InCanonicalOrder(exchanges)
        .Select(e => (object)new
        {
            e.Label,
            Request = $"{e.Method} {e.Path}",
            Authorization = e.AuthorizationScheme,
            Body = e.RequestBody,
            Response = e.Normalized,
        })
        .ToList();

    private static IEnumerable<Exchange> InCanonicalOrder(IEnumerable<Exchange> exchanges) =>
        SimultaneousRequests.CanonicalRuns(exchanges, e => e.Label, e => JsonSerializer.Serialize(e.Normalized))
            .SelectMany(r => r.Prefix is null ? r.Run : r.Run.Select((e, k) => e with { Label = $"{r.Prefix} {k + 1} of {r.Run.Count}" }));
}
