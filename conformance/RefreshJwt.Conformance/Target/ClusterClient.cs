using System.Text;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The cluster endpoints a case calls, over the run's <see cref="HttpTransport"/>. Every call is recorded, redacted,
/// in the running case's evidence and held to the run's invariants; a call that gets no answer returns a
/// <see cref="Reply"/> of its own <see cref="ReplyKind"/>. Every call is bounded by <c>--timeout</c> and the answer cap.
/// </summary>
public sealed class ClusterClient(TargetSession target)
{
    public const string AuthorizePath = Contract.AuthorizePath;
    public const string RefreshJwtPath = Contract.RefreshJwtPath;

    /// <summary><c>POST /v1/users/authorize</c> in the target's credential style (Basic header or JSON body).</summary>
    public Task<Reply> AuthorizeAsync(string label, Credentials? credentials = null, int? ttl = null, AuthorizeStyle? style = null)
    {
        credentials ??= target.Admin;

        // Before they leave: whatever form a target echoes them back in, no output can show them.
        target.Redactor.RememberSent(credentials);
        return (style ?? target.AuthorizeStyle) == AuthorizeStyle.Body
            ? SendAsync(label, "POST", AuthorizePath, null, credentials.JsonBody(ttl))
            : SendAsync(label, "POST", AuthorizePath, Basic(credentials), ttl is null ? null : $"{{\"ttl\":{ttl}}}");
    }

    /// <summary><c>POST /v1/users/refresh_jwt</c> with this exact Authorization header value (none when null) and body.</summary>
    public Task<Reply> RefreshAsync(string label, string? authorization, string? body = null, string contentType = "application/json") =>
        SendAsync(label, "POST", RefreshJwtPath, authorization, body, contentType);

    /// <summary>Refresh presenting <paramref name="token"/> the documented way, <c>Authorization: JWT &lt;token&gt;</c>, with an optional ttl.</summary>
    public Task<Reply> RefreshTokenAsync(string label, string token, int? ttl) =>
        RefreshAsync(label, $"{Contract.Scheme} {token}", ttl is null ? null : $"{{\"ttl\":{ttl}}}");

    public Task<Reply> GetUserAsync(string label, string uid, string token) =>
        SendAsync(label, "GET", $"{Contract.UsersPath}/{Uri.EscapeDataString(uid)}", $"{Contract.Scheme} {token}", null);

    public static string Basic(Credentials credentials) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));

    private async Task<Reply> SendAsync(string label, string method, string path, string? authorization, string? body, string contentType = "application/json")
    {
        var headers = new Dictionary<string, string> { ["Accept"] = "application/json" };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        var caseRecord = CaseRecord.Current;
        var record = caseRecord?.Reserve();
        var reply = await AnsweredAsync(target.Http.SendAsync(method, path, headers, body, contentType), caseRecord?.CaseId, label);
        reply = reply.With(target.Redactor);

        // What the target issued is a secret from the moment it arrives: nothing printed later may hold a piece of it.
        target.Redactor.Remember(reply.AccessToken);
        target.Redactor.RememberIssued(reply.Body);
        record?.Invoke(target.Evidence(label, method, path, authorization, body, reply));
        target.Invariants.Check(label, path, authorization, reply, caseRecord);
        return reply;
    }

    /// <summary>
    /// The reply, saying every few seconds what the run is waiting for while it has not come (--timeout bounds
    /// the wait): a slow target never leaves the console silent.
    /// </summary>
    private async Task<Reply> AnsweredAsync(Task<Reply> sending, string? caseId, string label)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await sending.WaitAsync(ProgressEvery);
            }
            catch (TimeoutException) when (!sending.IsCompleted)
            {
                target.Say($"{caseId ?? "setup"}: waiting for the answer to \"{label}\" ({waited.Elapsed.TotalSeconds:0} s, --timeout {target.Settings.Timeout.TotalSeconds:0} s)");
            }
        }
    }

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(4);
}
