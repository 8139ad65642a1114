using System.Text;
using System.Text.Json;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Calibration;

/// <summary>
/// A finished run as <c>results.json</c> holds it: each case's verdict, observations and redacted, normalized
/// exchanges. Calibration reads runs only through this, so it depends on the report's format, not on the cases.
/// </summary>
public sealed record RunEvidence(string Target, IReadOnlyList<CaseEvidence> Cases)
{
    public CaseEvidence? Case(string id) => Cases.FirstOrDefault(c => c.Id == id);

    /// <summary>A run in memory, through the same JSON its <c>results.json</c> has.</summary>
    public static RunEvidence From(RunResult result) => Parse(JsonResults.Render(result), "this run");

    /// <summary>Reads a <c>results.json</c>; throws <see cref="InvalidDataException"/> with one line for a file it cannot use.</summary>
    public static RunEvidence Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read {path}: {e.Message}");
        }

        return Parse(text, path);
    }

    private static RunEvidence Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var cases = root.GetProperty("cases").EnumerateArray().Select(c => new CaseEvidence(
                c.GetProperty("id").GetString()!,
                c.GetProperty("verdict").GetString()!,
                c.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
                c.GetProperty("observations").EnumerateArray().Select(o => new ObservedValue(o.GetProperty("name").GetString()!, o.GetProperty("value").GetString()!)).ToList(),
                c.GetProperty("exchanges").EnumerateArray().Select(ReadExchange).ToList())).ToList();
            return new RunEvidence(root.TryGetProperty("target", out var target) ? target.GetString() ?? "" : "", cases);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"{source} is not a results.json of this suite ({e.Message.Split('\n')[0]})");
        }
    }

    private static ExchangeEvidence ReadExchange(JsonElement x)
    {
        var n = x.GetProperty("normalized");
        var token = n.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.Object ? t : (JsonElement?)null;
        return new ExchangeEvidence(
            x.GetProperty("label").GetString()!,
            Text(x, "method") ?? "",
            Text(x, "authorization_scheme"),
            Text(x, "request_body"),
            n.GetProperty("status").GetInt32(),
            Text(n, "content_type"),
            n.TryGetProperty("body_fields", out var fields) && fields.ValueKind == JsonValueKind.Array ? fields.EnumerateArray().Select(f => f.GetString()!).ToList() : null,
            Text(n, "error_code"),
            Text(n, "body_kind"),
            token?.GetProperty("header").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString()),
            token?.GetProperty("claim_names").EnumerateArray().Select(c => c.GetString()!).ToList(),
            token is { } tk && tk.TryGetProperty("lifetime", out var lifetime) && lifetime.ValueKind == JsonValueKind.Number ? lifetime.GetInt64() : null,
            Text(x, "response_body") ?? "");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One case of a run: verdict (pass, fail, warn, info, skip), why, what it observed, what it exchanged.</summary>
public sealed record CaseEvidence(string Id, string Verdict, string? Reason, IReadOnlyList<ObservedValue> Observations, IReadOnlyList<ExchangeEvidence> Exchanges)
{
    public bool Ran => Verdict != "skip";

    public string? Observed(string name) => Observations.FirstOrDefault(o => o.Name == name)?.Value;

    /// <summary>The exchanges the case is about, without the tokens it fetched to set itself up.</summary>
    public IEnumerable<ExchangeEvidence> Probes => Exchanges.Where(x => !x.Label.EndsWith("(setup)", StringComparison.Ordinal));
}

public sealed record ObservedValue(string Name, string Value);

/// <summary>One request's normalized response, plus the redacted body it came from (tokens described, never whole).</summary>
public sealed record ExchangeEvidence(
    string Label,
    string Method,
    string? Scheme,
    string? RequestBody,
    int Status,
    string? ContentType,
    IReadOnlyList<string>? BodyFields,
    string? ErrorCode,
    string? BodyKind,
    IReadOnlyDictionary<string, string>? TokenHeader,
    IReadOnlyList<string>? ClaimNames,
    long? Lifetime,
    string ResponseBody)
{
    /// <summary>
    /// The claims of the tokens in the redacted body: the redactor shows a token as
    /// <c>«JWT {header} {claims} signature: N characters»</c>, so values are readable while the token is not.
    /// </summary>
    public IEnumerable<JsonElement> DescribedClaims()
    {
        const string marker = "«JWT ";
        for (var at = ResponseBody.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = ResponseBody.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(ResponseBody[(at + marker.Length)..]);
            JsonElement? claims = null;
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
                using var header = JsonDocument.ParseValue(ref reader);
                reader.Read();
                using var payload = JsonDocument.ParseValue(ref reader);
                if (payload.RootElement.ValueKind == JsonValueKind.Object)
                {
                    claims = payload.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
            }

            if (claims is { } c)
            {
                yield return c;
            }
        }
    }
}
