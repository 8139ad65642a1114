namespace RefreshJwt.ReferenceServers;

/// <summary>
/// The silent choices of one reference server: everything docs/contract.md leaves open, as parameters. The defaults
/// are one faithful reading; the members documented as broken exist to show the suite fails a server that takes them.
/// </summary>
public sealed record ReferenceChoices
{
    /// <summary>The one error code the docs name; other reasons carry none unless a configuration gives one.</summary>
    public static readonly IReadOnlyDictionary<Refusal, string> DocumentedCodes = new Dictionary<Refusal, string>
    {
        [Refusal.PasswordExpired] = "password_expired",
    };

    public ClaimSet Claims { get; init; } = ClaimSet.Minimal;

    public UidKind Uid { get; init; } = UidKind.Text;

    public ErrorField ErrorField { get; init; } = ErrorField.Message;

    /// <summary>The <c>error_code</c> per reason; a reason not listed has none.</summary>
    public IReadOnlyDictionary<Refusal, string> ErrorCodes { get; init; } = DocumentedCodes;

    /// <summary>Seconds past <c>exp</c> (and before <c>nbf</c>) a token is still accepted.</summary>
    public int LeewaySeconds { get; init; }

    /// <summary>A token that was refreshed stops working; its tokens then carry a <c>jti</c>, so no two are one string.</summary>
    public bool RevokeRefreshed { get; init; }

    /// <summary>How far the server's clock is from this machine's when it starts.</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>Besides the documented <c>JWT &lt;token&gt;</c>, <c>Bearer &lt;token&gt;</c> is accepted.</summary>
    public bool AcceptBearer { get; init; }

    public CredentialStyle Credentials { get; init; } = CredentialStyle.Basic;

    public TtlHandling Ttl { get; init; } = TtlHandling.Refuse;

    /// <summary>For JSON bodies and for a token's header and claims alike.</summary>
    public DuplicateKeys DuplicateKeys { get; init; } = DuplicateKeys.Reject;

    public OversizedHeaders OversizedHeaders { get; init; } = OversizedHeaders.Kestrel;

    /// <summary>Authorize's status for a user whose password has expired (401 by the docs; some answer 403).</summary>
    public int PasswordExpiredStatus { get; init; } = 401;

    /// <summary>
    /// Serves the mock admin API the README describes for <c>--mock-control</c> (<c>/__mock/clock</c>,
    /// <c>/__mock/users</c>), so a run moves this server's clock instead of waiting; off, it is a cluster.
    /// </summary>
    public bool AdminApi { get; init; } = true;

    /// <summary>Broken when false: a token's signature is not checked.</summary>
    public bool VerifySignature { get; init; } = true;

    /// <summary>The <c>error_code</c> for <paramref name="reason"/>, or null.</summary>
    public string? CodeFor(Refusal reason) => ErrorCodes.GetValueOrDefault(reason);
}
