using System.Reflection;
using System.Text.Json;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Target;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Calibration;

/// <summary>
/// Calibration of the mock from a target: observe a run into a profile, run the embedded mock with that
/// profile through the same catalogue, and compare the two runs' normalized evidence case by case.
/// </summary>
public static class Calibrator
{
    public const string ProfileFile = "observed-profile.json";
    public const string FidelityFile = "fidelity.md";
    public const string MockReports = "calibrated-mock";

    /// <summary>
    /// Removes what an earlier <c>--fidelity</c> run left in the report folder: <c>fidelity.md</c> and the calibrated
    /// mock's reports (a CI step that gathers every <c>junit.xml</c> would read those as this run's). The observed
    /// profile stays: it may be the profile this run is given.
    /// </summary>
    public static void Clear(string reportDirectory)
    {
        File.Delete(Path.Combine(reportDirectory, FidelityFile));
        if (Directory.Exists(Path.Combine(reportDirectory, MockReports)))
        {
            ReportWriter.Clear(Path.Combine(reportDirectory, MockReports));
        }
    }

    /// <summary>Where the cluster's version may be read, and the field names that hold it.</summary>
    private static readonly string[] VersionPaths = ["/v1/bootstrap", "/v1/cluster", "/v1/nodes"];
    private static readonly string[] VersionFields = ["software_version", "version"];

    /// <summary>A profile of what <paramref name="result"/> observed, with its provenance; nothing secret is in it.</summary>
    public static async Task<string> ObserveAsync(RunSettings settings, RunResult result)
    {
        var host = settings.Target is { } target ? target.Authority : $"embedded mock ({settings.MockProfile})";
        var provenance = new ProfileProvenance
        {
            Target = host,
            Observed = result.Started.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ClusterVersion = settings.Target is null ? null : await ClusterVersionAsync(settings),
            SuiteVersion = SuiteVersion,
            Note = "Settings in notObserved were not seen by the run; the mock keeps its default for them.",
        };
        var name = "observed-" + new string(host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').ToArray()).Trim('-');
        return ProfileObserver.Render(ProfileObserver.Observe(RunEvidence.From(result), provenance, name));
    }

    /// <summary>
    /// Runs the catalogue against the embedded mock with the profile at <paramref name="profilePath"/>, writes its
    /// reports to <c>calibrated-mock/</c>, compares it with <paramref name="targetRun"/>, and writes <c>fidelity.md</c>
    /// and a section of <c>report.html</c> into the report folder.
    /// </summary>
    public static async Task<(FidelityComparison Comparison, RunResult MockRun)> FidelityAsync(
        RunSettings settings, RunResult targetRun, string profilePath, TextWriter progress, CancellationToken interrupt = default)
    {
        // The calibrated mock is run as a target with the abilities the first target had: its signing key, an expired
        // user and control of its clock only when the first run had them, so that the same cases run the same way.
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        MockServerHost mock;
        try
        {
            mock = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, Profile = Path.GetFullPath(profilePath), SigningKey = key });
        }
        catch (MockConfigurationException e)
        {
            throw new TargetUnavailableException($"cannot start the calibrated mock: {e.Message}");
        }

        using (mock)
        {
            var admin = mock.Users.All.First(u => u is { Role: "admin", Status: UserStatus.Active });
            var expired = mock.Users.All.FirstOrDefault(u => u.Status == UserStatus.PasswordExpired);
            var withExpired = (settings.IsEmbeddedMock || settings.ExpiredUsername is not null) && expired is not null;
            var withKey = settings.IsEmbeddedMock || settings.SigningKey is not null;
            var mockSettings = settings with
            {
                Target = new Uri(mock.BaseUrl),
                Username = admin.Email,
                Password = admin.Password,
                ExpiredUsername = withExpired ? expired!.Email : null,
                ExpiredPassword = withExpired ? expired!.Password : null,
                SigningKey = withKey ? System.Text.Encoding.UTF8.GetBytes(key) : null,
                MockControl = settings.IsEmbeddedMock || settings.MockControl,
                Insecure = false,
                CaCertificate = null,
                ReportDirectory = Path.Combine(settings.ReportDirectory, MockReports),
                UpdateSnapshots = false,
                ObserveProfile = null,
                Fidelity = false,
            };
            progress.WriteLine();
            progress.WriteLine($"refresh_jwt conformance against the mock calibrated with {profilePath}");
            var mockRun = await ConformanceRunner.RunAsync(mockSettings, progress, interrupt: interrupt);
            ReportWriter.Write(mockRun, mockSettings.ReportDirectory);
            progress.WriteLine(mockRun.Summary);

            var comparison = FidelityComparison.Compare(RunEvidence.From(targetRun), RunEvidence.From(mockRun), targetRun.Target, "the calibrated mock");
            Write(comparison, settings.ReportDirectory, Path.GetFileName(profilePath));
            return (comparison, mockRun);
        }
    }

    /// <summary>fidelity.md, and the comparison as a section of report.html (when the folder has one).</summary>
    public static void Write(FidelityComparison comparison, string reportDirectory, string? profileFile)
    {
        Directory.CreateDirectory(reportDirectory);
        File.WriteAllText(Path.Combine(reportDirectory, FidelityFile), comparison.Markdown(profileFile));
        var html = Path.Combine(reportDirectory, ReportWriter.Html);
        if (File.Exists(html))
        {
            var page = File.ReadAllText(html);
            var end = page.LastIndexOf("</main>", StringComparison.Ordinal);
            File.WriteAllText(html, end < 0 ? page : page.Insert(end, comparison.HtmlSection(profileFile)));
        }
    }

    private static string SuiteVersion =>
        typeof(Calibrator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Calibrator).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The cluster's software version from the first of its read-only endpoints that answers; null when none does.</summary>
    private static async Task<string?> ClusterVersionAsync(RunSettings settings)
    {
        using var http = new HttpTransport(settings.Target!.ToString(), settings.Timeout, settings.Insecure, settings.CaCertificate);
        var headers = new Dictionary<string, string> { ["Authorization"] = ClusterClient.Basic(new Credentials(settings.Username!, settings.Password!)) };
        foreach (var path in VersionPaths)
        {
            var response = await http.SendAsync("GET", path, headers, null);
            if (response is { Answered: true, Status: 200, Json: { } json } && Find(json, 0) is { } version)
            {
                return version;
            }
        }

        return null;
    }

    private static string? Find(JsonElement element, int depth) => element.ValueKind switch
    {
        _ when depth > 4 => null,
        JsonValueKind.Object => element.EnumerateObject()
            .Select(p => VersionFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String && Tokens.TolerantJson.Text(p.Value).Length <= 40 ? Tokens.TolerantJson.Text(p.Value) : Find(p.Value, depth + 1))
            .FirstOrDefault(v => v is not null),
        JsonValueKind.Array => element.EnumerateArray().Select(e => Find(e, depth + 1)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
