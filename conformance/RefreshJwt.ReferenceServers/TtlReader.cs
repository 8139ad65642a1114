using System.Text.Json;

namespace RefreshJwt.ReferenceServers;

/// <summary>
/// The lifetime a request asks for: <c>ttl</c> seconds from 1 to 86400, 300 when absent (docs/contract.md#ttl); what
/// becomes of any other value is the server's <see cref="TtlHandling"/>.
/// </summary>
public static class TtlReader
{
    public const int Default = 300;
    public const int Min = 1;
    public const int Max = 86400;

    /// <summary>The lifetime in seconds, or null when the ttl is refused.</summary>
    public static long? Lifetime(Dictionary<string, JsonElement>? body, TtlHandling handling)
    {
        if (body is null || !body.TryGetValue("ttl", out var ttl))
        {
            return Default;
        }

        if (ttl.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var integer = ttl.TryGetInt64(out var whole) ? whole : (long?)null;
        return handling switch
        {
            TtlHandling.Refuse => InRange(integer),
            TtlHandling.Clamp => integer is { } n ? Math.Clamp(n, Min, Max) : null,
            TtlHandling.TruncateFloats => ttl.TryGetDouble(out var real) && Math.Abs(real) < long.MaxValue ? InRange((long)Math.Truncate(real)) : null,
            TtlHandling.Unchecked => integer,
            TtlHandling.Throw => InRange(integer) ?? throw new InvalidOperationException("ttl outside the range this server can handle"),
            _ => throw new ArgumentOutOfRangeException(nameof(handling)),
        };
    }

    private static long? InRange(long? ttl) => ttl is >= Min and <= Max ? ttl : null;
}
