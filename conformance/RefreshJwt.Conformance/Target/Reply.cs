using System.Globalization;
using System.Text.Json;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Target;

/// <summary>A response as a case inspects it, raw (it may hold a token); evidence keeps only a redacted copy.</summary>
public sealed class Reply
{
    private readonly Lazy<JsonElement?> _json;

    public Reply(int status, IReadOnlyDictionary<string, string> headers, string body, string? transportError = null)
    {
        Status = status;
        Headers = headers;
        Body = body;
        TransportError = transportError;
        _json = new Lazy<JsonElement?>(() => Parse(body));
    }

    /// <summary>The HTTP status; 0 when no response came back (see <see cref="TransportError"/>).</summary>
    public int Status { get; }

    /// <summary>Response headers, names in lower case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }

    public string? TransportError { get; }

    public string? ContentType => Headers.GetValueOrDefault("content-type");

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonElement? Json => _json.Value;

    /// <summary>The string <c>access_token</c> of a JSON object body, if there is one.</summary>
    public string? AccessToken =>
        Json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;

    public DecodedToken? Token => DecodedToken.TryDecode(AccessToken, out _);

    /// <summary>The target's own clock, from its <c>Date</c> header.</summary>
    public DateTimeOffset? Date =>
        Headers.TryGetValue("date", out var date)
        && DateTimeOffset.TryParseExact(date, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    public string? ErrorCode =>
        Json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("error_code", out var code) ? code.ToString() : null;

    /// <summary>What an INFO case records of a request that might have been refused: <c>accepted</c> or <c>refused (401)</c>.</summary>
    public string Outcome => AccessToken is null ? $"refused ({(Status == 0 ? "no response" : Status)})" : "accepted";

    /// <summary>The run's redactor, set by the client that received this reply: every <see cref="Summary()"/> passes through it.</summary>
    public Evidence.Redactor? Redactor { get; init; }

    /// <summary><see cref="Summary(Evidence.Redactor)"/> through the run's redactor.</summary>
    public string Summary() => Summary(Redactor ?? new Evidence.Redactor([]));

    /// <summary>One line for assertion messages: <c>401 application/json {"error_code":…}</c>, the body cut short.</summary>
    public string Summary(Evidence.Redactor redactor)
    {
        if (Status == 0)
        {
            return $"no response ({redactor.Redact(TransportError)})";
        }

        var body = redactor.Redact(Body);
        body = body.Length > 160 ? body[..160] + "…" : body;
        return $"{Status} {ContentType ?? "(no content type)"} {(body.Length == 0 ? "(empty body)" : body)}";
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
