using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>An HTTP request as the cluster API handlers see it, free of WireMock types.</summary>
public sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string[]> Headers, string? Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>How many times a header was sent: <see cref="Header"/> sees only the first.</summary>
    public int HeaderCount(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Sum(h => h.Value.Length);
}

/// <summary>An HTTP response; a null body is sent with no content at all.</summary>
public sealed record ApiResponse(int Status, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public const string JsonContentType = "application/json";

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static ApiResponse Json(int status, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonSerializer.Serialize(body, Wire), new Dictionary<string, string>(headers ?? new Dictionary<string, string>())
        {
            ["Content-Type"] = JsonContentType,
        });

    public static ApiResponse Empty(int status) => new(status, null, new Dictionary<string, string>());
}

/// <summary>What a handler did, for the journal: the response, whose request it was, any refusal, the tokens involved.</summary>
internal sealed record ApiOutcome(
    ApiResponse Response, string? User = null, Refusal? Refusal = null, TokenSummary? Presented = null, TokenSummary? Issued = null);
