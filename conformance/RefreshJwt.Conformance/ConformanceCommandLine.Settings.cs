using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance;

// The flags checked together, and mapped onto RunSettings.
internal static partial class ConformanceCommandLine
{
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
