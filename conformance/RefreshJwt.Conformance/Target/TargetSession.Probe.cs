namespace RefreshJwt.Conformance.Target;

// What evidence keeps of a body, and the credential probe that opens a run.
public sealed partial class TargetSession
{
    /// <summary>
    /// What evidence keeps of a body (redacted first, so no cut can leave a secret unrecognised): a cluster's answers
    /// are under 2 KB, and a run against a target sending answers up to the cap must still fit in memory and a report.
    /// </summary>
    private static string Kept(string? body) =>
        body is { Length: > EvidenceChars } ? $"{body[..EvidenceChars]}… ({body.Length} characters in all)" : body ?? "";

    private const int EvidenceChars = 16 * 1024;

    /// <summary>Authorize once with the run's credentials: Basic first, then a JSON body when the style is auto.</summary>
    private async Task<AuthorizeStyle> ProbeAuthorizeAsync()
    {
        AuthorizeStyle[] styles = Settings.Authorize == AuthorizeStyle.Auto ? [AuthorizeStyle.Basic, AuthorizeStyle.Body] : [Settings.Authorize];
        var (tried, refusals) = (new List<string>(), new List<Reply>());
        foreach (var style in styles)
        {
            var sent = DateTimeOffset.UtcNow;
            var reply = await Api.AuthorizeAsync("probe", style: style);
            FirstAuthorize = (reply, sent + ((DateTimeOffset.UtcNow - sent) / 2));
            if (reply.Status == 0)
            {
                throw new TargetUnavailableException(reply.TransportError!);
            }

            if (!reply.Answered)
            {
                throw new TargetUnavailableException($"{BaseUrl}{ClusterClient.AuthorizePath}: {reply.TransportError}");
            }

            // Any 2xx with a token will do here: case A01 is what judges authorize's exact answer.
            if (reply is { Status: >= 200 and < 300, AccessToken: not null })
            {
                return style;
            }

            tried.Add($"{style.ToString().ToLowerInvariant()} credentials: {reply.Summary(Redactor).ReplaceLineEndings(" ")}");
            refusals.Add(reply);
        }

        var cause = CredentialRefusal.Explain(Admin.Username, refusals);
        throw new TargetUnavailableException($"{BaseUrl}{ClusterClient.AuthorizePath} refused the credentials of {Admin.Username}: {cause} ({string.Join("; ", tried)})");
    }
}
