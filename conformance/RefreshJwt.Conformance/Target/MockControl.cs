using System.Globalization;
using System.Text.Json;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The mock's admin endpoints (<c>/__mock</c>), used only where the suite may: the embedded mock, or a <c>--target</c>
/// run with <c>--mock-control</c>. The suite then moves the target's clock instead of waiting, and can expire a user's
/// password. Everything it changes is written down and put back by <see cref="RestoreAsync"/>: the clock's offset and
/// each user's status, as they were before the run touched them.
/// </summary>
public sealed class MockControl
{
    private readonly HttpTransport _http;
    private readonly double _initialOffset;
    private readonly Dictionary<int, string> _originalStatus = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _clockMoved;

    private MockControl(HttpTransport http, double initialOffset)
    {
        _http = http;
        _initialOffset = initialOffset;
    }

    /// <summary>The admin API of the target, or null when it has none (a real cluster).</summary>
    public static async Task<MockControl?> ProbeAsync(HttpTransport http)
    {
        var response = await http.SendAsync("GET", "/__mock/clock", NoHeaders, null);
        return response is { Answered: true, Status: 200, Json: { ValueKind: JsonValueKind.Object } body }
            && body.TryGetProperty("unix", out _) && body.TryGetProperty("offset_seconds", out var offset) && offset.TryGetDouble(out var seconds)
            ? new MockControl(http, seconds)
            : null;
    }

    /// <summary>What the run has changed and not yet put back, for a person: <c>clock, status of user 2</c>.</summary>
    public string Changes => string.Join(", ", (_clockMoved ? new[] { "clock" } : []).Concat(_originalStatus.Keys.Select(uid => $"status of user {uid}")));

    /// <summary>
    /// Moves the clock to half a second past <paramref name="unixSeconds"/>, so that a check made right after lands
    /// inside that second whatever the request's latency (up to half a second).
    /// </summary>
    public async Task AdvanceClockToAsync(long unixSeconds)
    {
        var clock = Require(await _http.SendAsync("GET", "/__mock/clock", NoHeaders, null), "read the clock");
        var now = clock.ValueKind == JsonValueKind.Object && clock.TryGetProperty("now", out var text)
            && DateTimeOffset.TryParse(TolerantJson.Text(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUnixTimeMilliseconds() / 1000.0
                : throw new TargetUnavailableException("the mock's admin API could not read the clock: no time in \"now\"");

        // A token's exp may be any number: a clock is moved by at most a few years, never by an overflow.
        var by = TimeSpan.FromSeconds(Math.Clamp(unixSeconds + 0.5 - now, -1e8, 1e8));
        if (by > TimeSpan.Zero)
        {
            await AdvanceClockAsync(by);
        }
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        _clockMoved = true;
        var body = $"{{\"seconds\":{by.TotalSeconds.ToString(CultureInfo.InvariantCulture)}}}";
        Require(await _http.SendAsync("POST", "/__mock/clock/advance", NoHeaders, body), "advance the clock");
    }

    /// <summary>Sets a user's status (<c>active</c>, <c>locked</c>, <c>password_expired</c>) by email, remembering the first status it had.</summary>
    public async Task SetUserStatusAsync(string email, string status)
    {
        var list = Require(await _http.SendAsync("GET", "/__mock/users", NoHeaders, null), "list users");
        var user = list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().FirstOrDefault(u => u.ValueKind == JsonValueKind.Object && u.TryGetProperty("email", out var e)
                && string.Equals(TolerantJson.Text(e), email, StringComparison.OrdinalIgnoreCase))
            : default;
        if (user.ValueKind != JsonValueKind.Object || !user.TryGetProperty("uid", out var id) || !id.TryGetInt32(out var uid)
            || !user.TryGetProperty("status", out var was))
        {
            throw new TargetUnavailableException($"the mock's admin API lists no user {email} with a numeric uid and a status");
        }

        _originalStatus.TryAdd(uid, TolerantJson.Text(was));
        await PutStatusAsync(uid, status);
    }

    /// <summary>
    /// Puts back what the run changed: the clock's offset as it was when the run began (the mock's clock moves back
    /// through <c>POST /__mock/clock/reset</c>), then every user status. Safe to call twice, and from Ctrl+C.
    /// </summary>
    public async Task RestoreAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_clockMoved)
            {
                var body = $"{{\"offset_seconds\":{_initialOffset.ToString(CultureInfo.InvariantCulture)}}}";
                Require(await _http.SendAsync("POST", "/__mock/clock/reset", NoHeaders, body), "reset the clock");
                _clockMoved = false;
            }

            foreach (var (uid, status) in _originalStatus.ToList())
            {
                await PutStatusAsync(uid, status);
                _originalStatus.Remove(uid);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PutStatusAsync(int uid, string status)
    {
        Require(await _http.SendAsync("PUT", $"/__mock/users/{uid}/status", NoHeaders, $"{{\"status\":{JsonSerializer.Serialize(status)}}}"), "set a user's status");
    }

    private static readonly Dictionary<string, string> NoHeaders = [];

    /// <summary>The JSON of a 200 answer; anything else means the admin API cannot be used, which ends the run (exit 2).</summary>
    private static JsonElement Require(Reply reply, string what) =>
        reply is { Answered: true, Status: 200 } && reply.Json is { } json
            ? json
            : throw new TargetUnavailableException($"the mock's admin API could not {what}: {reply.Summary()}");
}

