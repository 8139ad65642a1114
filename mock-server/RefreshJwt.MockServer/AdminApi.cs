using System.Globalization;
using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// The mock's own endpoints under <c>/__mock</c>, outside the cluster's <c>/v1</c> API: read and advance the clock,
/// read the request journal, change a user's status. A real cluster has none of them.
/// </summary>
internal sealed class AdminApi(MockClock clock, RequestJournal journal, UserDirectory users, MockProfile profile, LoginLockout lockout)
{
    public const string Prefix = "/__mock";

    /// <summary>The clock may move at most this far in one call: far enough for any token, not so far it overflows.</summary>
    private static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(3650);

    public ApiResponse Index() => ApiResponse.Json(200, new
    {
        profile = profile.Name,
        profile_description = profile.Description,
        endpoints = new[]
        {
            $"GET {Prefix}/clock",
            $"POST {Prefix}/clock/advance {{\"seconds\": n}}",
            $"POST {Prefix}/clock/reset {{\"offset_seconds\": n}} (optional; default: the offset the mock started with)",
            $"GET {Prefix}/journal",
            $"DELETE {Prefix}/journal",
            $"GET {Prefix}/users",
            $"PUT {Prefix}/users/{{uid}}/status {{\"status\": \"active|locked|password_expired\"}}",
            $"GET|POST|DELETE {Prefix}/faults {{\"endpoint\": \"refresh_jwt\", \"status\": 503, \"retryAfter\": 2, \"count\": 2}}",
            $"GET|DELETE {Prefix}/client-report",
        },
    });

    public ApiResponse Clock() => ApiResponse.Json(200, new
    {
        now = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        unix = clock.UnixSeconds,
        offset_seconds = clock.Offset.TotalSeconds,
        frozen = clock.IsFrozen,
    });

    public ApiResponse Advance(ApiRequest request)
    {
        var seconds = ReadProperty(request.Body, "seconds");
        if (seconds is not { ValueKind: JsonValueKind.Number } s || !s.TryGetDouble(out var value)
            || value <= 0 || value > MaxAdvance.TotalSeconds)
        {
            return Problem(400, $"send {{\"seconds\": n}} with n above 0 and at most {MaxAdvance.TotalSeconds}");
        }

        return clock.TryAdvance(TimeSpan.FromSeconds(value))
            ? Clock()
            : Problem(400, $"the clock cannot move past {MockClock.LatestUnixSeconds} s after 1970");
    }

    /// <summary>Sets the clock's offset back: to the one given, or to the one the mock started with.</summary>
    public ApiResponse Reset(ApiRequest request)
    {
        var offset = clock.StartOffset;
        if (!string.IsNullOrWhiteSpace(request.Body))
        {
            var seconds = ReadProperty(request.Body, "offset_seconds");
            if (seconds is not { ValueKind: JsonValueKind.Number } s || !s.TryGetDouble(out var value) || Math.Abs(value) > MaxAdvance.TotalSeconds)
            {
                return Problem(400, $"send {{\"offset_seconds\": n}} with n from -{MaxAdvance.TotalSeconds} to {MaxAdvance.TotalSeconds}, or no body");
            }

            offset = TimeSpan.FromSeconds(value);
            if (offset < clock.StartOffset)
            {
                // The clock never shows a time before the one it started at: a revoked token forgotten once it expired
                // would otherwise be accepted again.
                return Problem(400, $"offset_seconds may not be below the offset the mock started with ({clock.StartOffset.TotalSeconds} s)");
            }
        }

        return clock.TryReset(offset) ? Clock() : Problem(400, $"the clock cannot move past {MockClock.LatestUnixSeconds} s after 1970");
    }

    public ApiResponse Journal()
    {
        var view = journal.Read();
        return ApiResponse.Json(200, new
        {
            capacity = view.Capacity,
            total = view.Total,
            evicted = view.Evicted,
            entries = view.Entries,
        });
    }

    public ApiResponse ClearJournal()
    {
        journal.Clear();
        return ApiResponse.Empty(204);
    }

    public ApiResponse Users() => ApiResponse.Json(200, users.All.Select(UserDirectory.ToResource));

    public ApiResponse SetStatus(ApiRequest request, string uidSegment)
    {
        UserStatus? parsed = ReadProperty(request.Body, "status") is { ValueKind: JsonValueKind.String } status
            ? status.GetString() switch
            {
                "active" => UserStatus.Active,
                "locked" => UserStatus.Locked,
                "password_expired" => UserStatus.PasswordExpired,
                _ => null,
            }
            : null;
        if (parsed is null)
        {
            return Problem(400, "send {\"status\": \"active\"}, \"locked\" or \"password_expired\"");
        }

        var user = int.TryParse(uidSegment, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? users.SetStatus(uid, parsed.Value) : null;

        // An admin's change starts the lockout's count again, as resetting a locked user's password does on a cluster.
        lockout.Forget(uid);
        return user is null ? Problem(404, $"no user has uid {uidSegment}") : ApiResponse.Json(200, UserDirectory.ToResource(user));
    }

    private static JsonElement? ReadProperty(string? body, string name)
    {
        try
        {
            using var document = JsonInput.Parse(body ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ApiResponse Problem(int status, string message) => ApiResponse.Json(status, new { error = message });
}
