using System.Globalization;
using System.Text.Json;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Target;

/// <summary>A response as a case inspects it, raw (it may hold a token); evidence keeps only a redacted copy.</summary>
public sealed class Reply
{
    private readonly Lazy<JsonElement?> _json;

    public Reply(int status, IReadOnlyDictionary<string, string> headers, string body, string? transportError = null, ReplyKind kind = ReplyKind.Answered)
    {
        Status = status;
        Headers = headers;
        Body = body;
        TransportError = transportError;
        Kind = kind;
        _json = new Lazy<JsonElement?>(() => TolerantJson.Parse(body));
    }

    /// <summary>The HTTP status; 0 when no response came back (see <see cref="TransportError"/>).</summary>
    public int Status { get; }

    /// <summary>What came back: only <see cref="ReplyKind.Answered"/> is an answer to judge by its status.</summary>
    public ReplyKind Kind { get; }

    /// <summary>A complete answer, no redirect, within the size cap.</summary>
    public bool Answered => Kind == ReplyKind.Answered;

    /// <summary>Response headers, names in lower case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body, decoded as UTF-8 (invalid bytes read as U+FFFD); of a <see cref="ReplyKind.TooLarge"/> answer only its start.</summary>
    public string Body { get; }

    /// <summary>Why this is no answer to judge by its status (no response, a redirect, too large); null for an answer.</summary>
    public string? TransportError { get; }

    public string? ContentType => Headers.GetValueOrDefault("content-type");

    /// <summary>The body as JSON, or null when it is not JSON.</summary>
    public JsonElement? Json => _json.Value;

    /// <summary>The string <c>access_token</c> of a JSON object body, if there is one.</summary>
    public string? AccessToken =>
        Answered && Json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
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
        Json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("error_code", out var code) ? TolerantJson.Text(code) : null;

    /// <summary>
    /// What an INFO case records of a request that might have been refused: <c>accepted</c>, <c>refused (401)</c>, or
    /// what came instead of an answer (<c>redirected (307)</c>, <c>no answer (timed out)</c>, <c>answer too large</c>).
    /// </summary>
    public string Outcome => Kind switch
    {
        ReplyKind.Answered => AccessToken is null ? $"refused ({Status})" : "accepted",
        ReplyKind.Redirected => $"redirected ({Status})",
        ReplyKind.TooLarge => $"answer larger than {HttpTransport.MaxAnswerText}",
        ReplyKind.TimedOut => "no answer (timed out)",
        ReplyKind.Dropped => "no answer (connection dropped)",
        _ => "no answer (unreachable)",
    };

    /// <summary>The run's redactor, set by the client that received this reply: every <see cref="Summary()"/> passes through it.</summary>
    public Evidence.Redactor? Redactor { get; init; }

    /// <summary>This reply with the run's redactor.</summary>
    public Reply With(Evidence.Redactor redactor) => new(Status, Headers, Body, TransportError, Kind) { Redactor = redactor };

    /// <summary><see cref="Summary(Evidence.Redactor)"/> through the run's redactor.</summary>
    public string Summary() => Summary(Redactor ?? new Evidence.Redactor([]));

    /// <summary>One line for assertion messages: <c>401 application/json {"error_code":…}</c>, the body cut short.</summary>
    public string Summary(Evidence.Redactor redactor)
    {
        if (Status == 0)
        {
            return $"no response ({redactor.Redact(TransportError)})";
        }

        var body = redactor.Redact(Body.Length > 4096 ? Body[..4096] : Body);
        body = body.Length > 160 ? body[..160] + "…" : body;
        var answer = $"{Status} {ContentType ?? "(no content type)"} {(body.Length == 0 ? "(empty body)" : body)}";
        return Answered ? answer : $"{redactor.Redact(TransportError)}: {answer}";
    }
}
