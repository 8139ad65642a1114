using System.CommandLine;

namespace RefreshJwt.MockServer;

/// <summary>The standalone mock's flags, mapped onto <see cref="MockServerOptions"/>.</summary>
internal static class MockCommandLine
{
    public const string SigningKeyVariable = "REFRESH_JWT_MOCK_SIGNING_KEY";

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port to listen on; 0 takes any free port",
        DefaultValueFactory = _ => 9443,
        Validators = { r => Check(r, p => p is >= 0 and <= 65535, "--port must be from 0 to 65535") },
    };

    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to bind",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private static readonly Option<bool> Http = new("--http") { Description = "Serve plain HTTP instead of HTTPS" };

    private static readonly Option<FileInfo> Cert = new("--cert") { Description = "PEM certificate to serve (with --key) instead of a generated one" };

    private static readonly Option<FileInfo> Key = new("--key") { Description = "PEM private key of --cert" };

    private static readonly Option<string> Profile = new("--profile")
    {
        Description = "Profile name from fixtures/profiles (rs-7.4, rs-7.8, rs-8.2) or a profile JSON file",
        DefaultValueFactory = _ => Fixtures.DefaultProfile,
    };

    private static readonly Option<FileInfo> Users = new("--users") { Description = "Users JSON file replacing fixtures/users.json" };

    private static readonly Option<DirectoryInfo> FixturesDir = new("--fixtures") { Description = "The fixtures folder (default: found above the executable)" };

    private static readonly Option<int> ClockOffset = new("--clock-offset")
    {
        Description = "Seconds the mock's clock runs ahead (negative: behind) of this machine's",
    };

    private static readonly Option<int> JournalSize = new("--journal-size")
    {
        Description = "Requests the journal keeps before it evicts the oldest",
        DefaultValueFactory = _ => 1000,
        Validators = { r => Check(r, n => n is >= 1 and <= MockServerOptions.MaxJournalCapacity, $"--journal-size must be from 1 to {MockServerOptions.MaxJournalCapacity}") },
    };

    private static readonly Option<int> MaxBodySize = new("--max-body-size")
    {
        Description = "Largest request body in bytes; a longer one is answered 413 unread",
        DefaultValueFactory = _ => new MockServerOptions().MaxRequestBodyBytes,
        Validators = { r => Check(r, n => n is >= 1 and <= MockServerOptions.MaxBodyLimit, $"--max-body-size must be from 1 to {MockServerOptions.MaxBodyLimit}") },
    };

    private static readonly Option<string[]> Fault = new("--fault")
    {
        Description = "A fault in force from the start, as JSON (repeatable), e.g. '{\"endpoint\": \"refresh_jwt\", \"status\": 503, \"retryAfter\": 2, \"count\": 2}'; "
            + "see POST /__mock/faults",
        AllowMultipleArgumentsPerToken = false,
        Validators =
        {
            r =>
            {
                foreach (var token in r.Tokens)
                {
                    try
                    {
                        FaultRule.Parse(token.Value);
                    }
                    catch (MockConfigurationException e)
                    {
                        r.AddError($"--fault {e.Message["fault: ".Length..]}");
                        return;
                    }
                }
            },
        },
    };

    private static readonly Option<FileInfo> ClientReportFile = new("--client-report")
    {
        Description = "When the mock stops, write the report on the client's requests to this JSON file and exit 4 if the client broke a MUST rule",
    };

    private static readonly Option<bool> Quiet = new("--quiet") { Description = "Do not print a line per request" };

    /// <summary>The root command; once flags parse, <paramref name="run"/> gets the options and returns the exit code.</summary>
    public static RootCommand Create(Func<MockServerOptions, string?, Task<int>> run)
    {
        var root = new RootCommand(
            "A Redis Enterprise cluster's JWT endpoints (POST /v1/users/authorize, POST /v1/users/refresh_jwt, GET /v1/users/{uid}) "
            + "that really sign, check and expire tokens. In the repository: ./run-conformance.sh mock [options]; installed: refresh-jwt-mock [options]. "
            + "The first line printed is the base URL.\n\n"
            + "Users (fixtures/users.json, or --users): admin@example.com / Passw0rd! (admin), expired@example.com / Expired-1 (password expired).\n"
            + "Admin endpoints under /__mock: GET clock, POST clock/advance, POST clock/reset, GET|DELETE journal, GET users, PUT users/{uid}/status, "
            + "GET|POST|DELETE faults, GET|DELETE client-report.\n"
            + $"Signing key: random per start unless {SigningKeyVariable} is set (32+ bytes); give the suite the same value in RS_SIGNING_KEY "
            + "for a full run: ./run-conformance.sh --target URL --mock-control --insecure --username admin@example.com --expired-username expired@example.com "
            + "with RS_PASSWORD and RS_EXPIRED_PASSWORD set.\n"
            + "Exit codes: 0 stopped (SIGTERM, Ctrl+C), 1 failed to start, 2 bad flag, file or port, 4 --client-report found a MUST rule broken.")
        {
            Port, Host, Http, Cert, Key, Profile, Users, FixturesDir, ClockOffset, JournalSize, MaxBodySize, Fault, ClientReportFile, Quiet,
        };
        root.Validators.Add(r =>
        {
            var (cert, key, http) = (r.GetValue(Cert), r.GetValue(Key), r.GetValue(Http));
            if ((cert is null) != (key is null))
            {
                r.AddError("--cert and --key go together");
            }
            else if (cert is not null && http)
            {
                r.AddError("--cert and --key need HTTPS; drop --http");
            }
        });
        root.SetAction(parsed => run(ToOptions(parsed), parsed.GetValue(ClientReportFile)?.FullName));
        return root;
    }

    private static MockServerOptions ToOptions(ParseResult parsed) => new()
    {
        Port = parsed.GetValue(Port),
        Host = parsed.GetValue(Host)!,
        UseHttps = !parsed.GetValue(Http),
        CertificatePath = parsed.GetValue(Cert)?.FullName,
        KeyPath = parsed.GetValue(Key)?.FullName,
        Profile = parsed.GetValue(Profile)!,
        UsersPath = parsed.GetValue(Users)?.FullName,
        FixturesDirectory = parsed.GetValue(FixturesDir)?.FullName,
        SigningKey = Environment.GetEnvironmentVariable(SigningKeyVariable) is { Length: > 0 } key ? key : null,
        ClockOffset = TimeSpan.FromSeconds(parsed.GetValue(ClockOffset)),
        JournalCapacity = parsed.GetValue(JournalSize),
        MaxRequestBodyBytes = parsed.GetValue(MaxBodySize),
        Faults = [.. (parsed.GetValue(Fault) ?? []).Select(FaultRule.Parse)],
        Log = parsed.GetValue(Quiet) ? null : Console.Out.WriteLine,
    };

    private static void Check(System.CommandLine.Parsing.OptionResult result, Func<int, bool> ok, string message)
    {
        int value;
        try
        {
            value = result.GetValueOrDefault<int>();
        }
        catch (InvalidOperationException)
        {
            // Not a number (--port abc): the parser reports that itself; reading the value here would throw.
            return;
        }

        if (!ok(value))
        {
            result.AddError(message);
        }
    }
}
