namespace RefreshJwt.MockServer;

/// <summary>Where a profile was observed, as <c>--observe</c> writes it; free text, for people.</summary>
public sealed record ProfileProvenance
{
    /// <summary>The target's host and port, never its credentials.</summary>
    public string? Target { get; init; }

    public string? Observed { get; init; }

    public string? ClusterVersion { get; init; }

    public string? SuiteVersion { get; init; }

    public string? Note { get; init; }
}
