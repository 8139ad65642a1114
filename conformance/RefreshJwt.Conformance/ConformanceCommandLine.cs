using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Runner;

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

    private static void Validate(CommandResult r)
    {
        var target = r.GetValue(Target);
        if (target is not null && ParseUrl(target) is null)
        {
            return;
        }

        // Read from the tokens: with the wrong number of files the option has its own error, and no value to get.
        var compare = r.GetResult(Compare) is { Tokens.Count: 2 } given ? given.Tokens.Select(t => t.Value).ToArray() : [];
        string? problem = (target, r.GetValue(Username)) switch
        {
            (null, not null) => "--username needs --target (the embedded mock has its own users)",
            (null, _) when r.GetValue(ExpiredUsername) is not null => "--expired-username needs --target",
            (null, _) when r.GetValue(MockControl) => "--mock-control needs --target (the embedded mock is always controlled)",
            (not null, null) => "--target needs --username",
            (not null, _) when string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PasswordVariable)) => $"set {PasswordVariable} to the password of --username",
            (not null, _) when r.GetResult(MockProfile) is { Implicit: false } => "--mock-profile applies to the embedded mock only; drop --target",
            _ when r.GetValue(ExpiredUsername) is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ExpiredPasswordVariable)) =>
                $"set {ExpiredPasswordVariable} to the password of --expired-username",
            _ when r.GetValue(Insecure) && r.GetValue(CaCert) is not null => "--insecure and --ca-cert exclude each other",
            _ when r.GetValue(CaCert) is { Exists: false } file => $"--ca-cert {file.FullName}: no such file",
            (not null, _) when r.GetValue(UpdateSnapshots) && r.GetValue(Snapshots) is null or "none" => "--update-snapshots against a --target needs --snapshots NAME",
            _ when compare.Length > 0 && (target is not null || r.GetValue(Fidelity) || r.GetValue(Observe) is not null) =>
                "--compare runs nothing: drop --target, --fidelity and --observe",
            _ when compare.FirstOrDefault(f => !File.Exists(f)) is { } missing => $"--compare {missing}: no such file",
            _ when r.GetValue(Observe) is { } file && !Directory.Exists(file.DirectoryName) => $"--observe {file.FullName}: no such folder",
            _ when r.GetValue(ReportDir) is { } reports && File.Exists(reports) =>
                $"--report-dir {reports} is a file: name a folder (it is created when missing), or move the file away",
            _ => UnknownCases(r.GetValue(Cases)),
        };
        if (problem is not null)
        {
            r.AddError(problem);
        }
    }

    private static string? UnknownCases(string[]? requested)
    {
        var known = ConformanceRunner.Catalogue().Select(c => c.Id).ToHashSet();
        var unknown = SplitIds(requested).Where(id => !known.Contains(id)).ToList();
        return unknown.Count == 0 ? null : $"unknown case id(s): {string.Join(", ", unknown)} (see --list)";
    }

    private static RunSettings ToSettings(ParseResult parsed)
    {
        var target = ParseUrl(parsed.GetValue(Target));
        var profile = parsed.GetValue(MockProfile)!;
        var signingKey = Environment.GetEnvironmentVariable(SigningKeyVariable);
        return new RunSettings
        {
            Target = target,
            Username = parsed.GetValue(Username),
            Password = target is null ? null : Environment.GetEnvironmentVariable(PasswordVariable),
            ExpiredUsername = parsed.GetValue(ExpiredUsername),
            ExpiredPassword = parsed.GetValue(ExpiredUsername) is null ? null : Environment.GetEnvironmentVariable(ExpiredPasswordVariable),
            SigningKey = target is null || string.IsNullOrEmpty(signingKey) ? null : System.Text.Encoding.UTF8.GetBytes(signingKey),
            Insecure = parsed.GetValue(Insecure),
            CaCertificate = parsed.GetValue(CaCert)?.FullName,
            Authorize = parsed.GetValue(Authorize),
            Strict = parsed.GetValue(Strict),
            WrongPasswordProbe = parsed.GetValue(WrongPasswordProbe),
            Cases = SplitIds(parsed.GetValue(Cases)).ToList(),
            ReportDirectory = Path.GetFullPath(parsed.GetValue(ReportDir)!),
            SnapshotLabel = parsed.GetValue(Snapshots) switch
            {
                "none" => null,
                { } name => name,
                null => target is null && profile == "rs-7.8" ? "mock" : null,
            },
            SnapshotRoot = parsed.GetValue(SnapshotDir)?.FullName ?? DefaultSnapshotRoot(),
            UpdateSnapshots = parsed.GetValue(UpdateSnapshots),
            Ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            MockProfile = profile,
            ExpiryMargin = parsed.GetValue(ExpiryMargin),
            MaxLeeway = parsed.GetValue(MaxLeeway),
            MockControl = parsed.GetValue(MockControl),
            Timeout = TimeSpan.FromSeconds(parsed.GetValue(Timeout)),
            Seed = parsed.GetValue(Seed),
            ObserveProfile = parsed.GetValue(Observe)?.FullName,
            Fidelity = parsed.GetValue(Fidelity),
            CompareRuns = parsed.GetValue(Compare)?.Select(Path.GetFullPath).ToList() ?? [],
        };
    }

    /// <summary><c>fixtures/snapshots</c> of this checkout, beside the mock's fixtures.</summary>
    private static string DefaultSnapshotRoot() => Path.Combine(MockServer.Fixtures.Locate(), "snapshots");

    /// <summary>The ids as the catalogue spells them (<c>n02a</c> is <c>N02a</c>); unknown ones as given.</summary>
    private static IEnumerable<string> SplitIds(string[]? values)
    {
        var known = ConformanceRunner.Catalogue().Select(c => c.Id).ToDictionary(id => id, StringComparer.OrdinalIgnoreCase);
        return (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(id => known.GetValueOrDefault(id, id));
    }

    private static Uri? ParseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static void Check(OptionResult result, bool ok, string message)
    {
        if (!ok)
        {
            result.AddError(message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SnapshotName();
}
