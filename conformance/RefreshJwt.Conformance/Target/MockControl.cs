using System.Text.Json;
using Microsoft.Playwright;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The mock's admin endpoints (<c>/__mock</c>), when the target has them: the suite then moves the target's clock
/// instead of waiting, and can expire a user's password. A real cluster has none, and the suite waits instead.
/// </summary>
public sealed class MockControl(IAPIRequestContext http)
{
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
            return body.RootElement.TryGetProperty("unix", out _) ? new MockControl(http) : null;
        }
        catch (Exception e) when (e is PlaywrightException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves the clock to half a second past <paramref name="unixSeconds"/>, so that a check made right after lands
    /// inside that second whatever the request's latency (up to half a second).
    /// </summary>
    public async Task AdvanceClockToAsync(long unixSeconds)
    {
        var clock = await http.GetAsync("/__mock/clock");
        Require(clock, 200, "read the clock");
        using var body = JsonDocument.Parse(await clock.TextAsync());
        var now = DateTimeOffset.Parse(body.RootElement.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var by = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).AddMilliseconds(500) - now;
        if (by > TimeSpan.Zero)
        {
            await AdvanceClockAsync(by);
        }
    }

    public async Task AdvanceClockAsync(TimeSpan by)
    {
        var response = await http.PostAsync("/__mock/clock/advance", new() { DataString = $"{{\"seconds\":{by.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}", Headers = Json });
        Require(response, 200, "advance the clock");
    }

    /// <summary>Sets a user's status (<c>active</c>, <c>locked</c>, <c>password_expired</c>) by email.</summary>
    public async Task SetUserStatusAsync(string email, string status)
    {
        var users = await http.GetAsync("/__mock/users");
        Require(users, 200, "list users");
        using var list = JsonDocument.Parse(await users.TextAsync());
        var uid = list.RootElement.EnumerateArray()
            .First(u => string.Equals(u.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase))
            .GetProperty("uid").GetInt32();
        var response = await http.PutAsync($"/__mock/users/{uid}/status", new() { DataString = $"{{\"status\":\"{status}\"}}", Headers = Json });
        Require(response, 200, "set a user's status");
    }

    private static Dictionary<string, string> Json => new() { ["Content-Type"] = "application/json" };

    private static void Require(IAPIResponse response, int status, string what)
    {
        if (response.Status != status)
        {
            throw new InvalidOperationException($"the mock's admin API could not {what}: {response.Status}");
        }
    }
}
