using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The mock's admin endpoints (<c>/__mock</c>), used only where the suite may: the embedded mock, or a <c>--target</c>
/// run with <c>--mock-control</c>. The suite then moves the target's clock instead of waiting, and can expire a user's
/// password. Everything it changes is written down and put back by <see cref="RestoreAsync"/>: the clock's offset and
/// each user's status, as they were before the run touched them.
/// </summary>
public sealed class MockControl
{
    private readonly IAPIRequestContext _http;
    private readonly double _initialOffset;
    private readonly Dictionary<int, string> _originalStatus = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _clockMoved;

    private MockControl(IAPIRequestContext http, double initialOffset)
    {
        _http = http;
        _initialOffset = initialOffset;
    }

    /// <summary>The admin API of the target, or null when it has none (a real cluster).</summary>
    public static async Task<MockControl?> ProbeAsync(IAPIRequestContext http)
    {
        try
        {
            var response = await http.GetAsync("/__mock/clock");
            if (response.Status != 200)
            {
                return null;
            }

            using var body = JsonDocument.Parse(await response.TextAsync());
            return body.RootElement.TryGetProperty("unix", out _) && body.RootElement.TryGetProperty("offset_seconds", out var offset) && offset.TryGetDouble(out var seconds)
                ? new MockControl(http, seconds)
                : null;
        }
        catch (Exception e) when (e is PlaywrightException or JsonException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>What the run has changed and not yet put back, for a person: <c>clock, status of user 2</c>.</summary>
    public string Changes => string.Join(", ", (_clockMoved ? new[] { "clock" } : []).Concat(_originalStatus.Keys.Select(uid => $"status of user {uid}")));

    /// <summary>
    /// Moves the clock to half a second past <paramref name="unixSeconds"/>, so that a check made right after lands
    /// inside that second whatever the request's latency (up to half a second).
    /// </summary>
    public async Task AdvanceClockToAsync(long unixSeconds)
    {
        var clock = await _http.GetAsync("/__mock/clock");
        Require(clock, 200, "read the clock");
        using var body = JsonDocument.Parse(await clock.TextAsync());
        var now = DateTimeOffset.Parse(body.RootElement.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        var by = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).AddMilliseconds(500) - now;
        if (by > TimeSpan.Zero)
        {
            await AdvanceClockAsync(by);
        }
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        _clockMoved = true;
        var response = await _http.PostAsync("/__mock/clock/advance", new() { DataString = $"{{\"seconds\":{by.TotalSeconds.ToString(CultureInfo.InvariantCulture)}}}", Headers = Json });
        Require(response, 200, "advance the clock");
    }

    /// <summary>Sets a user's status (<c>active</c>, <c>locked</c>, <c>password_expired</c>) by email, remembering the first status it had.</summary>
    public async Task SetUserStatusAsync(string email, string status)
    {
        var users = await _http.GetAsync("/__mock/users");
        Require(users, 200, "list users");
        using var list = JsonDocument.Parse(await users.TextAsync());
        var user = list.RootElement.EnumerateArray()
            .First(u => string.Equals(u.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase));
        var uid = user.GetProperty("uid").GetInt32();
        _originalStatus.TryAdd(uid, user.GetProperty("status").GetString()!);
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
                var response = await _http.PostAsync("/__mock/clock/reset", new() { DataString = $"{{\"offset_seconds\":{_initialOffset.ToString(CultureInfo.InvariantCulture)}}}", Headers = Json });
                Require(response, 200, "reset the clock");
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
        var response = await _http.PutAsync($"/__mock/users/{uid}/status", new() { DataString = $"{{\"status\":\"{status}\"}}", Headers = Json });
        Require(response, 200, "set a user's status");
    }

    private static Dictionary<string, string> Json => new() { ["Content-Type"] = "application/json" };

    private static void Require(IAPIResponse response, int status, string what)
    {
        if (response.Status != status)
        {
            throw new TargetUnavailableException($"the mock's admin API could not {what}: {response.Status}");
        }
    }
}

