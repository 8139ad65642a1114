namespace RefreshJwt.MockServer;

/// <summary>The standalone mock's exit codes, as README documents them.</summary>
public static class ExitCodes
{
    /// <summary>Stopped by SIGTERM or Ctrl+C.</summary>
    public const int Ok = 0;

    /// <summary>Failed to start for a reason no flag or file explains.</summary>
    public const int Failed = 1;

    /// <summary>Unknown flag, bad value, unreadable or invalid file, or a port it cannot listen on.</summary>
    public const int Usage = 2;

    /// <summary>Stopped, and the client report (<c>--client-report FILE</c>) found a MUST rule broken.</summary>
    public const int ClientFailed = 4;
}
