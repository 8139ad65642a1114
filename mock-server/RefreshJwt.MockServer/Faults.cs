using System.Globalization;
using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>Which requests a fault applies to.</summary>
public enum FaultEndpoint
{
    /// <summary>Every cluster API request (never the <c>/__mock</c> admin API).</summary>
    Any,
    Authorize,
    RefreshJwt,

    /// <summary><c>/v1/users/{uid}</c>.</summary>
    Users,
}

/// <summary>
/// One fault rule, as <c>POST /__mock/faults</c> and <c>--fault</c> take it (same JSON): where, what, and how often.
/// What: a <see cref="Status"/> (with <see cref="RetryAfter"/>), a dropped connection (<see cref="Reset"/>), a body sent
/// slowly (<see cref="SlowBodyMs"/>) or the presented token expired on the spot (<see cref="Expire"/>), each after an
/// optional delay; or only a delay. How often: the next <see cref="Count"/> matching requests, or a seeded
/// <see cref="Fraction"/> of them (at most <see cref="Count"/> if both are given), or every one until cleared.
/// </summary>
public sealed record FaultRule
{
    public FaultEndpoint Endpoint { get; init; } = FaultEndpoint.Any;

    public int? Status { get; init; }

    /// <summary>Seconds sent in <c>Retry-After</c> with <see cref="Status"/>.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>Waits this long before answering (or before the other fault).</summary>
    public int? DelayMs { get; init; }

    /// <summary>With <see cref="DelayMs"/>: a delay drawn (seeded) from DelayMs..DelayMaxMs.</summary>
    public int? DelayMaxMs { get; init; }

    /// <summary>Drops the connection without a response.</summary>
    public bool Reset { get; init; }

    /// <summary>Sends the headers, then the body in ten pieces spread over this many milliseconds.</summary>
    public int? SlowBodyMs { get; init; }

    /// <summary>
    /// The token the request presents expires now: the mock's clock jumps to its <c>exp</c> (plus the profile's leeway),
    /// so this request and every later one with it get 401, and a new login gets a fresh token.
    /// </summary>
    public bool Expire { get; init; }

    public int? Count { get; init; }

    public double? Fraction { get; init; }

    /// <value>1: runs with the same rules and requests fault the same requests.</value>
    public int Seed { get; init; } = 1;

    public const int MaxDelayMs = 300_000;

    private static readonly string[] Fields = ["endpoint", "status", "retryAfter", "delayMs", "delayMaxMs", "reset", "slowBodyMs", "expire", "count", "fraction", "seed"];

    /// <summary>Reads a rule from its JSON form; throws <see cref="MockConfigurationException"/> with a one-line reason.</summary>
    public static FaultRule Parse(string? json)
    {
        JsonElement root;
        try
        {
            using var document = JsonInput.Parse(json ?? "");
            root = document.RootElement.Clone();
        }
        catch (NotTextException notText)
        {
            throw Bad(notText.Message);
        }
        catch (JsonException)
        {
            throw Bad("a fault is a JSON object, for example {\"endpoint\": \"refresh_jwt\", \"status\": 503, \"retryAfter\": 2, \"count\": 2}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad("a fault is a JSON object, for example {\"endpoint\": \"refresh_jwt\", \"status\": 503, \"count\": 1}");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                throw Bad($"unknown field \"{Shorten(property.Name)}\"; a fault takes {string.Join(", ", Fields)}");
            }
        }

        var endpoint = root.TryGetProperty("endpoint", out var e) ? e.ValueKind == JsonValueKind.String ? e.GetString() : null : "any";
        var rule = new FaultRule
        {
            Endpoint = endpoint switch
            {
                "any" => FaultEndpoint.Any,
                "authorize" => FaultEndpoint.Authorize,
                "refresh_jwt" => FaultEndpoint.RefreshJwt,
                "users" => FaultEndpoint.Users,
                _ => throw Bad("endpoint is one of \"authorize\", \"refresh_jwt\", \"users\", \"any\""),
            },
            Status = Integer(root, "status", 400, 599),
            RetryAfter = Integer(root, "retryAfter", 0, 86400),
            DelayMs = Integer(root, "delayMs", 0, MaxDelayMs),
            DelayMaxMs = Integer(root, "delayMaxMs", 0, MaxDelayMs),
            Reset = Flag(root, "reset"),
            SlowBodyMs = Integer(root, "slowBodyMs", 1, MaxDelayMs),
            Expire = Flag(root, "expire"),
            Count = Integer(root, "count", 1, int.MaxValue),
            Fraction = root.TryGetProperty("fraction", out var f)
                ? f.ValueKind == JsonValueKind.Number && f.TryGetDouble(out var fraction) && fraction is > 0 and <= 1 ? fraction : throw Bad("fraction is a number above 0 and at most 1")
                : null,
            Seed = Integer(root, "seed", int.MinValue, int.MaxValue) ?? 1,
        };
        return rule.Validate();
    }

    /// <summary>Checks a rule built in code the way <see cref="Parse"/> checks JSON.</summary>
    public FaultRule Validate()
    {
        var actions = (Status is null ? 0 : 1) + (Reset ? 1 : 0) + (SlowBodyMs is null ? 0 : 1) + (Expire ? 1 : 0);
        string? problem = this switch
        {
            { RetryAfter: not null, Status: null } => "retryAfter goes with a status, for example 503 or 429",
            _ when actions == 0 && DelayMs is null => "a fault needs one of status, reset, slowBodyMs, expire or delayMs",
            _ when actions > 1 => "a fault does one of status, reset, slowBodyMs, expire (each may follow a delayMs)",
            { DelayMaxMs: not null, DelayMs: null } => "delayMaxMs needs delayMs, the low end of the range",
            { DelayMaxMs: { } max, DelayMs: { } min } when max < min => "delayMaxMs is below delayMs",
            { Status: < 400 or > 599 } => "status is from 400 to 599",
            { Count: < 1 } => "count is at least 1",
            { Fraction: <= 0 or > 1 } => "fraction is above 0 and at most 1",
            { DelayMs: < 0 or > MaxDelayMs } or { DelayMaxMs: < 0 or > MaxDelayMs } or { SlowBodyMs: < 1 or > MaxDelayMs } => $"delays are from 0 to {MaxDelayMs} ms",
            _ => null,
        };
        return problem is null ? this : throw Bad(problem);
    }

    /// <summary>The action in words, for the journal and the log: <c>status 503, Retry-After 2</c>.</summary>
    public string Describe()
    {
        var action = this switch
        {
            { Status: { } status } => $"status {status}" + (RetryAfter is { } after ? $", Retry-After {after}" : ""),
            { Reset: true } => "reset: connection dropped without a response",
            { SlowBodyMs: { } slow } => $"slow body over {slow} ms",
            { Expire: true } => "expire: the clock moved to the presented token's expiry",
            _ => null,
        };
        var delay = DelayMs switch
        {
            null => null,
            { } min when DelayMaxMs is { } max && max != min => $"delay {min}..{max} ms",
            { } min => $"delay {min} ms",
        };
        return string.Join(", then ", new[] { delay, action }.OfType<string>());
    }

    private static int? Integer(JsonElement root, string name, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Bad(max == int.MaxValue && min == int.MinValue ? $"{name} is a whole number"
                : max == int.MaxValue ? $"{name} is a whole number of at least {min}"
                : $"{name} is a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Bad($"{name} is true or false"),
            }
            : false;

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    private static MockConfigurationException Bad(string message) => new($"fault: {message}");
}
