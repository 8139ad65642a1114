using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RefreshJwt.ReferenceServers;

/// <summary>
/// The mock admin API as the README describes it for <c>--mock-control</c>: read and move the clock, list users and
/// change a user's status. It lets a run test expiry on this server's clock and expire a password mid-token.
/// </summary>
public sealed class AdminEndpoints(ReferenceClock clock, IReadOnlyList<ReferenceUser> users, DuplicateKeys policy)
{
    private static readonly string[] Statuses = [ReferenceUser.Active, ReferenceUser.PasswordExpired, "locked"];

    public Task ClockAsync(HttpContext context) => Answers.JsonAsync(context, 200, new Dictionary<string, object>
    {
        ["now"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        ["unix"] = clock.GetUtcNow().ToUnixTimeSeconds(),
        ["offset_seconds"] = clock.Offset.TotalSeconds,
    });

    public async Task AdvanceAsync(HttpContext context)
    {
        if (await NumberAsync(context, "seconds") is not { } seconds || seconds < 0)
        {
            await Answers.JsonAsync(context, 400, new Dictionary<string, object> { ["message"] = "seconds: a number, not negative" });
            return;
        }

        clock.Advance(TimeSpan.FromSeconds(seconds));
        await ClockAsync(context);
    }

    public async Task ResetAsync(HttpContext context)
    {
        clock.SetOffset(await NumberAsync(context, "offset_seconds") is { } offset ? TimeSpan.FromSeconds(offset) : clock.InitialOffset);
        await ClockAsync(context);
    }

    public Task UsersAsync(HttpContext context) =>
        Answers.JsonAsync(context, 200, users.Select(u => new Dictionary<string, object> { ["uid"] = u.Uid, ["email"] = u.Email, ["role"] = u.Role, ["status"] = u.Status }));

    public async Task StatusAsync(HttpContext context)
    {
        var uid = context.Request.RouteValues["uid"]?.ToString();
        var user = users.FirstOrDefault(u => u.Uid.ToString(CultureInfo.InvariantCulture) == uid);
        var body = await ObjectAsync(context);
        var status = body is not null && body.TryGetValue("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (user is null || status is null || !Statuses.Contains(status))
        {
            await Answers.JsonAsync(context, user is null ? 404 : 400, new Dictionary<string, object> { ["message"] = "a known uid and a status: " + string.Join(", ", Statuses) });
            return;
        }

        user.Status = status;
        await Answers.JsonAsync(context, 200, user.Public());
    }

    private async Task<double?> NumberAsync(HttpContext context, string name) =>
        await ObjectAsync(context) is { } body && body.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) ? number : null;

    private async Task<Dictionary<string, JsonElement>?> ObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return StrictJson.Object(buffer.ToArray(), policy);
    }
}
