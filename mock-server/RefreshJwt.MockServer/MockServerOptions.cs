namespace RefreshJwt.MockServer;

/// <summary>How to start the mock; every property has the default the standalone executable uses.</summary>
public sealed record MockServerOptions
{
    /// <summary>About 1.4 GB of journal at about 1.4 KB an entry: far more than any run needs.</summary>
    public const int MaxJournalCapacity = 1_000_000;

    /// <summary>16 MB: the most a body cap may be set to.</summary>
    public const int MaxBodyLimit = 16 * 1024 * 1024;

    /// <summary>The cluster API port; 0 takes any free port.</summary>
    /// <value>9443, as on a cluster.</value>
    public int Port { get; init; } = 9443;

    /// <value>127.0.0.1: the mock is for this machine unless asked otherwise.</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <value>true: HTTPS with a certificate made at start unless <see cref="CertificatePath"/> is given.</value>
    public bool UseHttps { get; init; } = true;

    /// <summary>PEM certificate and private key to serve instead of a generated one.</summary>
    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary>A profile name from <c>fixtures/profiles</c> or a path to a profile JSON file.</summary>
    /// <value>rs-7.8.</value>
    public string Profile { get; init; } = Fixtures.DefaultProfile;

    /// <summary>Replaces any setting of the loaded profile, for in-process variants.</summary>
    public Func<MockProfile, MockProfile>? AdjustProfile { get; init; }

    /// <value>null: <c>fixtures/users.json</c>.</value>
    public string? UsersPath { get; init; }

    /// <value>null: the nearest <c>fixtures/</c> folder above the executable.</value>
    public string? FixturesDirectory { get; init; }

    /// <summary>The HMAC key, as text; fix it for reproducible tokens.</summary>
    /// <value>null: 64 random bytes per start.</value>
    public string? SigningKey { get; init; }

    /// <summary>How far the mock's clock is from the system clock at start.</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>Stops the clock at this instant (it then moves only when advanced): for deterministic tests.</summary>
    public DateTimeOffset? FrozenAt { get; init; }

    /// <summary>Requests the journal keeps, from 1 to <see cref="MaxJournalCapacity"/>.</summary>
    /// <value>1000 requests.</value>
    public int JournalCapacity { get; init; } = 1000;

    /// <summary>Faults in force from the start, as <c>--fault</c> gives them; more can be added at run time.</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>
    /// The largest request body the mock reads, from 1 byte to <see cref="MaxBodyLimit"/>. A longer one is answered
    /// 413 without being read: the cluster API's bodies are a few dozen bytes.
    /// </summary>
    /// <value>64 KB.</value>
    public int MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Receives one redacted line per cluster API request; null keeps the mock quiet.</summary>
    public Action<string>? Log { get; init; }
}
