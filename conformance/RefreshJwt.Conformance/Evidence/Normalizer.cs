using System.Text.Json;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Evidence;

/// <summary>
/// Turns exchanges into what a snapshot pins: the JWT-aware projection of issue #4. Token strings, signatures and
/// absolute times never reach it; the status, content type, body field names, error code, decoded token header,
/// claim names and <c>exp - iat</c> do.
/// </summary>
public static partial class Normalizer
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

    private static IEnumerable<Exchange> InCanonicalOrder(IEnumerable<Exchange> exchanges)
    {
        var list = exchanges.ToList();
        for (var i = 0; i < list.Count;)
        {
            var prefix = SimultaneousGroup().Match(list[i].Label) is { Success: true } m ? m.Groups[1].Value : null;
            var end = i + 1;
            while (prefix is not null && end < list.Count && SimultaneousGroup().Match(list[end].Label) is { Success: true } n && n.Groups[1].Value == prefix)
            {
                end++;
            }

            var group = list.GetRange(i, end - i).OrderBy(e => JsonSerializer.Serialize(e.Normalized), StringComparer.Ordinal).ToList();
            for (var k = 0; k < group.Count; k++)
            {
                yield return prefix is null ? group[k] : group[k] with { Label = $"{prefix} {k + 1} of {group.Count}" };
            }

            i = end;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*) \d+ of \d+$")]
    private static partial System.Text.RegularExpressions.Regex SimultaneousGroup();
}
