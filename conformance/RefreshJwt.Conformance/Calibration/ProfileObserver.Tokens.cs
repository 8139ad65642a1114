using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefreshJwt.Conformance.Calibration;

// What the issued tokens and the refusals show: claims, header, clock offset, refusal shapes.
public static partial class ProfileObserver
{
    /// <summary>Claims beyond iat, exp, nbf and uid in the issued tokens: the same value every time, or a fresh one per token.</summary>
    private static (JsonObject? Constant, JsonObject? PerToken) Claims(RunEvidence run)
    {
        var tokens = run.Cases.SelectMany(c => c.Exchanges).Where(x => x.Status == 200 && x.ClaimNames is not null).SelectMany(x => x.DescribedClaims()).ToList();
        if (tokens.Count == 0)
        {
            return (null, null);
        }

        var constant = new JsonObject();
        var perToken = new JsonObject();
        var names = tokens.SelectMany(t => t.EnumerateObject().Select(p => p.Name)).Distinct().Where(n => !TimeClaims.Contains(n)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var values = tokens.Select(t => t.TryGetProperty(name, out var v) ? v : (JsonElement?)null).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }

            var distinct = values.Select(v => v!.Value.GetRawText()).Distinct().Count();
            if (distinct == 1 && tokens.Count > 1)
            {
                constant[name] = JsonNode.Parse(values[0]!.Value.GetRawText());
            }
            else
            {
                perToken[name] = Kind(values[0]!.Value);
            }
        }

        return (constant, perToken);
    }

    private static string Kind(JsonElement value) => value switch
    {
        { ValueKind: JsonValueKind.Number } => "integer",
        { ValueKind: JsonValueKind.String } when value.GetString() is { Length: 36 } s && Guid.TryParseExact(s, "D", out _) => "uuid",
        { ValueKind: JsonValueKind.String } when value.GetString() is { Length: 32 } s && s.All(char.IsAsciiHexDigit) => "hex",
        _ => "text",
    };

    private static JsonObject? TokenHeader(RunEvidence run)
    {
        var header = run.Case("V13")?.Observed("header");
        if (header is null)
        {
            return null;
        }

        try
        {
            var parsed = JsonNode.Parse(header) as JsonObject;
            return parsed is null ? null : new JsonObject(parsed.Where(p => p.Key != "alg").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The target's iat against this machine's clock at the first authorize; a second either way is latency.</summary>
    private static JsonNode? ClockOffset(RunEvidence run) =>
        run.Case("I01")?.Observed("iat - local (s)") is { } text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset)
            ? Math.Abs(offset) <= 1 ? 0 : offset
            : null;

    private static ExchangeEvidence? Refused(ExchangeEvidence? probe) => probe is { Status: >= 400 } ? probe : null;

    private static JsonObject? Shape(ExchangeEvidence refused)
    {
        var body = refused.BodyKind switch
        {
            "json object" => "json",
            "empty" => "empty",
            "text" => "text",
            _ => null,
        };
        if (body is null)
        {
            return null;
        }

        var shape = new JsonObject { ["status"] = refused.Status, ["body"] = body };
        if (refused.ContentType is { } type)
        {
            shape["contentType"] = type;
        }

        if (body == "json")
        {
            shape["fields"] = new JsonArray(refused.BodyFields!.Select(f => (JsonNode)f).ToArray());
            if (refused.ErrorCode is { } code)
            {
                shape["errorCode"] = code;
            }
        }

        return shape;
    }
}
