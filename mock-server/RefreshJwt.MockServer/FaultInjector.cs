using System.Text;
using Microsoft.AspNetCore.Http;

namespace RefreshJwt.MockServer;

/// <summary>
/// The fault rules in force and the ASP.NET Core middleware that applies them ahead of WireMock.Net: it sees the
/// connection, so it can drop it or send a body slowly. A fault that answers by itself (status, reset) is journaled
/// here; the others (delay, slow body, expire) let the request go on and mark its journal entry (<see cref="Applied"/>).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveFault> _faults = [];
    private readonly MockClock _clock;
    private readonly RequestJournal _journal;
    private readonly Func<int, string, string, ApiResponse> _error;
    private readonly Action<JournalEntry, int?> _answered;
    private readonly int _leewaySeconds;
    private int _nextId;

    // Cancelled by Clear: a request waiting in a rule's delay is let go once no rule is in force.
    private CancellationTokenSource _cleared = new();

    // Read without the lock on every request: with no rule in force a request pays one volatile read.
    private volatile bool _any;

    internal FaultInjector(MockClock clock, RequestJournal journal, int leewaySeconds, Func<int, string, string, ApiResponse> error, Action<JournalEntry, int?> answered)
    {
        _leewaySeconds = leewaySeconds;
        _clock = clock;
        _journal = journal;
        _error = error;
        _answered = answered;
    }

    /// <summary>The most rules in force at once: enough for any test plan, and the list stays small to hold and to list.</summary>
    public const int MaxRules = 1000;

    /// <summary>The fault applied to the request in flight, for its journal entry: null when none.</summary>
    internal static AsyncLocal<string?> Applied { get; } = new();

    public FaultView Add(FaultRule rule)
    {
        rule.Validate();
        lock (_gate)
        {
            if (_faults.Count >= MaxRules)
            {
                throw new MockConfigurationException($"fault: at most {MaxRules} rules may be in force; DELETE {AdminApi.Prefix}/faults clears them");
            }

            var fault = new ActiveFault(++_nextId, rule);
            _faults.Add(fault);
            _any = true;
            return fault.View();
        }
    }

    public IReadOnlyList<FaultView> List()
    {
        lock (_gate)
        {
            return [.. _faults.Select(f => f.View())];
        }
    }

    /// <summary>Removes every rule and lets requests waiting in a rule's delay go on; tokens a fault expired stay expired.</summary>
    public void Clear()
    {
        CancellationTokenSource cleared;
        lock (_gate)
        {
            _faults.Clear();
            _faults.TrimExcess();
            _any = false;
            (cleared, _cleared) = (_cleared, new CancellationTokenSource());
        }

        // Outside the lock and off this thread: the released requests go on through the whole pipeline.
        _ = cleared.CancelAsync();
    }

    /// <summary>Applies the first rule that fires, then (unless it answered or dropped the request) calls <paramref name="next"/>.</summary>
    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!_any || path.StartsWith(AdminApi.Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var token = PresentedToken(context.Request);
        var (rule, label, delay, cleared) = Pick(path, token is not null);
        if (rule is null)
        {
            await next(context);
            return;
        }

        if (delay > 0 && !await WaitAsync(delay, cleared, context.RequestAborted))
        {
            // The rules were cleared while it waited: it goes on as if none had been in force.
            await next(context);
            return;
        }

        if (rule.Reset)
        {
            Record(context, path, 0, null, null, label, null);
            context.Abort();
            return;
        }

        if (rule.Status is { } status)
        {
            var response = _error(status, ErrorCode(status), $"injected fault: status {status}");
            if (rule.RetryAfter is { } after)
            {
                response = response with { Headers = new Dictionary<string, string>(response.Headers) { ["Retry-After"] = after.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            }

            await AnswerAsync(context, path, response, token, label, rule.RetryAfter);
            return;
        }

        if (rule.Expire && !ExpireNow(token!))
        {
            label += " (not applied: the token's exp is past the latest time the clock may show)";
        }

        if (rule.SlowBodyMs is { } slow)
        {
            context.Response.Body = new SlowStream(context.Response.Body, TimeSpan.FromMilliseconds(slow), context.RequestAborted);
        }

        Applied.Value = label;
        await next(context);
    }

    /// <summary>
    /// The first rule that fires for this path, its journal label and its delay; firing uses up one of its count.
    /// An expire rule waits for a request that presents a token.
    /// </summary>
    private (FaultRule? Rule, string? Label, int DelayMs, CancellationToken Cleared) Pick(string path, bool presentsToken)
    {
        var endpoint = EndpointOf(path);
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if ((presentsToken || !fault.Rule.Expire) && fault.Fires(endpoint))
                {
                    var rule = fault.Rule;
                    var delay = rule.DelayMs is not { } min ? 0
                        : rule.DelayMaxMs is { } max && max > min ? fault.Random.Next(min, max + 1)
                        : min;
                    return (rule, $"{rule.Describe()} (fault {fault.Id})", delay, _cleared.Token);
                }
            }
        }

        return (null, null, 0, default);
    }

    /// <summary>Waits out a delay: true when it ran its course, false when the rules were cleared first.</summary>
    private static async Task<bool> WaitAsync(int delayMs, CancellationToken cleared, CancellationToken aborted)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cleared, aborted);
        try
        {
            await Task.Delay(delayMs, either.Token);
            return true;
        }
        catch (OperationCanceledException) when (cleared.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            return false;
        }
    }

    private static FaultEndpoint EndpointOf(string path) => path switch
    {
        "/v1/users/authorize" => FaultEndpoint.Authorize,
        "/v1/users/refresh_jwt" => FaultEndpoint.RefreshJwt,
        _ when path.StartsWith("/v1/users/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3 => FaultEndpoint.Users,
        _ => FaultEndpoint.Any,
    };

    /// <summary>
    /// Moves the mock's clock to the moment the token stops working: it, and every token as old, is now really expired.
    /// False when that moment is past the latest time the clock may show: the clock stays.
    /// </summary>
    private bool ExpireNow(string token)
    {
        if (CompactJws.TryParse(token, out _)?.Payload is { } claims && claims.TryGetProperty("exp", out var exp)
            && exp.ValueKind == System.Text.Json.JsonValueKind.Number && exp.TryGetInt64(out var seconds) && seconds is > 0 and < TokenService.LatestTime)
        {
            var gap = DateTimeOffset.FromUnixTimeSeconds(seconds + _leewaySeconds) - _clock.GetUtcNow();
            return gap <= TimeSpan.Zero || _clock.TryAdvance(gap);
        }

        return true;
    }

    private async Task AnswerAsync(HttpContext context, string path, ApiResponse response, string? token, string? label, int? retryAfter)
    {
        Record(context, path, response.Status, null, token, label, retryAfter);
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            await context.Response.WriteAsync(response.Body, Encoding.UTF8, context.RequestAborted);
        }
    }

    private void Record(HttpContext context, string path, int status, Refusal? refusal, string? token, string? label, int? retryAfter)
    {
        var entry = _journal.Append(_clock.GetUtcNow(), context.Request.Method, path, status, null, refusal, token is null ? null : TokenSummary.Describe(token), null, label);
        _answered(entry, retryAfter);
    }

    /// <summary>The token after the scheme word, whatever the word: a fault expires what the client holds.</summary>
    private static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        var space = header?.IndexOf(' ') ?? -1;
        if (header is null || space < 0 || header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[(space + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static string ErrorCode(int status) => status switch
    {
        429 => "too_many_requests",
        500 => "internal_error",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        _ => "injected_fault",
    };
}
