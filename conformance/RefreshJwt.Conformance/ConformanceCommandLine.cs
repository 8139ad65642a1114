using System.CommandLine;

namespace RefreshJwt.Conformance;

/// <summary>The conformance run's flags and environment variables, mapped onto <see cref="RunSettings"/>.</summary>
internal static partial class ConformanceCommandLine
{
    public const string PasswordVariable = "RS_PASSWORD";
    public const string ExpiredPasswordVariable = "RS_EXPIRED_PASSWORD";
    public const string SigningKeyVariable = "RS_SIGNING_KEY";

    private static readonly Option<string> Target = new("--target")
    {
        Description = "Base URL of a real cluster, e.g. https://cluster.example:9443 (default: the embedded mock)",
        Validators =
        {
            r => Check(r, ParseUrl(r.GetValueOrDefault<string>()) is not null, "--target must be an http or https URL, like https://cluster.example:9443"),
            r => Check(r, ParseUrl(r.GetValueOrDefault<string>()) is not { UserInfo.Length: > 0 }, $"--target must not carry credentials: use --username and {PasswordVariable}"),
        },
    };

    private static readonly Option<string> Username = new("--username") { Description = $"User to authorize as (password from {PasswordVariable})" };

    private static readonly Option<string> ExpiredUsername = new("--expired-username")
    {
        Description = $"A user whose password has expired, for case P02 (password from {ExpiredPasswordVariable})",
    };

    private static readonly Option<bool> Insecure = new("--insecure") { Description = "Accept any TLS certificate" };

    private static readonly Option<FileInfo> CaCert = new("--ca-cert") { Description = "PEM file of the CA (or self-signed certificate) to trust" };

    private static readonly Option<AuthorizeStyle> Authorize = new Option<AuthorizeStyle>("--authorize")
    {
        Description = "How to send credentials to /v1/users/authorize: basic (RS 7.8.2 on), body (before), auto (basic, then body)",
        DefaultValueFactory = _ => AuthorizeStyle.Auto,
    }.AcceptOnlyFromAmong("auto", "basic", "body");

    private static readonly Option<bool> Strict = new("--strict") { Description = "SHOULD failures fail the run instead of warning" };

    private static readonly Option<bool> WrongPasswordProbe = new("--wrong-password-probe")
        { Description = "A02 also sends --username's password with a suffix: one failed login per run, toward the cluster's login lockout" };

    private static readonly Option<bool> List = new("--list") { Description = "Print the case catalogue and exit" };

    private static readonly Option<string[]> Cases = new("--case")
    {
        Description = "Run only these case ids (repeat, or separate with commas)",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> ReportDir = new("--report-dir")
    {
        Description = "Where junit.xml, report.html, summary.md and results.json go",
        DefaultValueFactory = _ => "conformance-report",
    };

    private static readonly Option<string> Snapshots = new("--snapshots")
    {
        Description = "Snapshot set to compare with, fixtures/snapshots/NAME; \"none\" compares none (default: mock for the embedded mock, none for a --target)",
        Validators = { r => Check(r, SnapshotName().IsMatch(r.GetValueOrDefault<string>() ?? ""), "--snapshots takes a name of letters, digits, '.', '_' and '-'") },
    };

    private static readonly Option<DirectoryInfo> SnapshotDir = new("--snapshot-dir")
    {
        Description = "Folder holding the snapshot sets (default: fixtures/snapshots of this checkout)",
    };

    private static readonly Option<bool> UpdateSnapshots = new("--update-snapshots") { Description = "Write the snapshots of this run, accepting any change" };

    private static readonly Option<string> MockProfile = new("--mock-profile")
    {
        Description = "Profile of the embedded mock: rs-7.4, rs-7.8, rs-8.2 or a profile JSON file (e.g. one written by --observe)",
        DefaultValueFactory = _ => "rs-7.8",
    };

    private static readonly Option<int> ExpiryMargin = new("--expiry-margin")
    {
        Description = "Seconds past exp within which a token should be refused (SHOULD, case E03)",
        DefaultValueFactory = _ => 2,
        Validators = { r => Check(r, WholeNumber(r) is null or (>= 0 and <= 600), "--expiry-margin must be from 0 to 600") },
    };

    private static readonly Option<int> MaxLeeway = new("--max-leeway")
    {
        Description = "Seconds past exp by which a token must be refused (MUST, case E01): the longest the expiry cases wait",
        DefaultValueFactory = _ => 300,
        Validators = { r => Check(r, WholeNumber(r) is null or (>= 0 and <= 3600), "--max-leeway must be from 0 to 3600") },
    };

    private static readonly Option<bool> MockControl = new("--mock-control")
    {
        Description = "The --target is a mock: move its clock and change its users through /__mock (put back at the end)",
    };

    private static readonly Option<int> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for each response",
        DefaultValueFactory = _ => 20,
        Validators = { r => Check(r, WholeNumber(r) is null or (>= 1 and <= 300), "--timeout must be from 1 to 300") },
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the generated malformed tokens (case F01)",
        DefaultValueFactory = _ => 20261126,
    };

    private static readonly Option<FileInfo> Observe = new("--observe")
    {
        Description = "Write what the run observed as a mock profile to FILE (for ./run-conformance.sh mock --profile FILE)",
        HelpName = "FILE",
    };

    private static readonly Option<bool> Fidelity = new("--fidelity")
    {
        Description = "Observe the target, run the embedded mock with the observed profile, compare both runs case by case (exit 0 identical, 1 different)",
    };

    private static readonly Option<string[]> Compare = new("--compare")
    {
        Description = "Compare two existing runs, RESULTS_A.json RESULTS_B.json, case by case (exit 0 identical, 1 different); runs nothing",
        AllowMultipleArgumentsPerToken = true,
        Arity = new ArgumentArity(2, 2),
        HelpName = "RESULTS.json",
    };

    /// <summary>The option's number, or null when it is not one (the parser reports that itself; reading it would throw).</summary>
    private static int? WholeNumber(System.CommandLine.Parsing.OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<int>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static RootCommand Create(Func<RunSettings, bool, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand(
            "Runs the refresh_jwt conformance catalogue against the embedded mock, or a cluster given --target and --username "
            + $"(password in {PasswordVariable}; {ExpiredPasswordVariable} for --expired-username; {SigningKeyVariable}, the target's HMAC key, enables the claim cases). "
            + "In the repository: ./run-conformance.sh [options]; installed: refresh-jwt-conformance [options]. Exit codes: 0 every MUST case passed, 1 a MUST case failed or a snapshot drifted, "
            + "2 usage, unreachable target, TLS failure or refused credentials, 3 internal error (the harness broke), 130 interrupted. "
            + "With --fidelity or --compare: 0 every compared case identical, 1 some differ.")
        {
            Target, Username, ExpiredUsername, Insecure, CaCert, Authorize, Strict, WrongPasswordProbe, List, Cases, ReportDir, Snapshots, SnapshotDir, UpdateSnapshots,
            MockProfile, ExpiryMargin, MaxLeeway, MockControl, Timeout, Seed, Observe, Fidelity, Compare,
        };
        root.Validators.Add(Validate);
        root.SetAction((parsed, interrupt) => run(ToSettings(parsed), parsed.GetValue(List), interrupt));
        return root;
    }
}
