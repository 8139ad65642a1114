using System.CommandLine;
using RefreshJwt.Conformance;
using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Target;

// The conformance run: parse flags, run the catalogue against the target, write the reports, exit with the verdict.
var parsed = ConformanceCommandLine.Create(RunAsync).Parse(args);
if (parsed.Errors.Count > 0)
{
    var message = string.Join(' ', parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal);
    Console.Error.WriteLine($"error: {message}{(message.Contains("(see ", StringComparison.Ordinal) ? "" : " (see --help)")}");
    return ExitCodes.Usage;
}

// Ctrl+C cancels the run's token: the run puts back what it changed on the target, then exits 130.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) });

static async Task<int> RunAsync(RunSettings settings, bool list, CancellationToken interrupt)
{
    if (list)
    {
        Console.Out.Write(CatalogueTable.Markdown(ConformanceRunner.Catalogue()));
        return ExitCodes.Ok;
    }

    var redactor = new RefreshJwt.Conformance.Evidence.Redactor([settings.Password, settings.ExpiredPassword]);
    if (settings.CompareRuns.Count == 2)
    {
        return CompareRuns(settings);
    }

    // Taken before the run: NUnit swaps Console.Out and Console.Error for its own capture while cases run.
    var (output, error) = (Console.Out, Console.Error);
    var (target, started) = (settings.Target?.ToString() ?? $"embedded mock ({settings.MockProfile})", DateTimeOffset.UtcNow);

    // Exit 3 and 130: junit.xml alone says why the run ended; if it cannot be written, that is one more line, same exit code.
    int EndedEarly(int exitCode, string name, string type, string line)
    {
        error.WriteLine(line);
        var junit = Path.Combine(settings.ReportDirectory, ReportWriter.Junit);
        WriteReports(settings, error, redactor, () => { File.WriteAllText(junit, JunitReport.RenderEndedEarly(target, started, DateTimeOffset.UtcNow - started, name, type, line, redactor)); return [junit]; }, out _);
        return exitCode;
    }

    try
    {
        // Find out now, not after the run, that the reports cannot be written; no report of an earlier run may outlive it.
        if (!WriteReports(settings, error, redactor, () => { ReportWriter.Clear(settings.ReportDirectory); Calibrator.Clear(settings.ReportDirectory); return []; }, out _))
        {
            return ExitCodes.Usage;
        }

        output.WriteLine($"refresh_jwt conformance against {settings.Target?.ToString() ?? $"the embedded mock ({settings.MockProfile})"}");
        var result = await ConformanceRunner.RunAsync(settings, output, redactor, interrupt);
        if (!WriteReports(settings, error, redactor, () => ReportWriter.Write(result, settings.ReportDirectory), out var written))
        {
            return ExitCodes.Usage;
        }

        output.WriteLine();
        foreach (var broken in result.OutsideCases)
        {
            output.WriteLine($"invariant broken outside any case: {broken}");
        }

        output.WriteLine(result.Summary);
        output.WriteLine($"reports: {string.Join(", ", written)}");
        return settings.ObserveProfile is null && !settings.Fidelity ? result.ExitCode : await CalibrateAsync(settings, result, output, interrupt);
    }
    catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
    {
        return EndedEarly(ExitCodes.Interrupted, "run interrupted", "interrupted", "interrupted: what the run changed on the target has been put back; no case verdict was reported");
    }
    catch (InterruptedRestoreException e)
    {
        return EndedEarly(ExitCodes.Interrupted, "run interrupted", "interrupted", $"interrupted: could not put back what the run changed on the target: {redactor.Redact(e.Message.Split('\n')[0])}");
    }
    catch (TargetUnavailableException e)
    {
        error.WriteLine($"error: {redactor.Redact(e.Message)}");
        return ExitCodes.Usage;
    }
    catch (Exception e)
    {
        // A HarnessException (the harness broke inside a case) or anything else: never a verdict.
        return EndedEarly(ExitCodes.Internal, "harness", "internal", $"internal error: {redactor.Redact(e.Message.Split('\n')[0])}{SaveDetails(settings.ReportDirectory, redactor.Redact(e.ToString()))}");
    }
}

// The report folder is the user's to fix (exit 2); any other IOException is the harness's (exit 3).
static bool WriteReports(RunSettings settings, TextWriter error, RefreshJwt.Conformance.Evidence.Redactor redactor, Func<IReadOnlyList<string>> write, out IReadOnlyList<string> written)
{
    try
    {
        written = write();
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        error.WriteLine($"error: cannot write the reports to {settings.ReportDirectory}: {redactor.Redact(e.Message)}");
        written = [];
        return false;
    }
}

// --observe and --fidelity: the observed profile, then (fidelity) the calibrated mock's run and the comparison.
static async Task<int> CalibrateAsync(RunSettings settings, RunResult result, TextWriter output, CancellationToken interrupt)
{
    var profile = await Calibrator.ObserveAsync(settings, result);
    var paths = new[] { settings.ObserveProfile, settings.Fidelity ? Path.Combine(settings.ReportDirectory, Calibrator.ProfileFile) : null }.OfType<string>().Distinct().ToList();
    foreach (var path in paths)
    {
        File.WriteAllText(path, profile);
    }

    output.WriteLine($"observed profile: {string.Join(", ", paths)}");
    if (!settings.Fidelity)
    {
        return result.ExitCode;
    }

    var (comparison, _) = await Calibrator.FidelityAsync(settings, result, paths[^1], output, interrupt);
    output.WriteLine();
    foreach (var line in comparison.ConsoleLines())
    {
        output.WriteLine(line);
    }

    output.WriteLine($"fidelity report: {Path.Combine(settings.ReportDirectory, Calibrator.FidelityFile)}");
    return comparison.AllIdentical ? ExitCodes.Ok : ExitCodes.Failed;
}

// --compare A B: two existing runs, case by case; nothing is run.
static int CompareRuns(RunSettings settings)
{
    try
    {
        var (a, b) = (RunEvidence.Load(settings.CompareRuns[0]), RunEvidence.Load(settings.CompareRuns[1]));
        var comparison = FidelityComparison.Compare(a, b, settings.CompareRuns[0], settings.CompareRuns[1]);
        foreach (var line in comparison.ConsoleLines())
        {
            Console.Out.WriteLine(line);
        }

        Directory.CreateDirectory(settings.ReportDirectory);
        File.WriteAllText(Path.Combine(settings.ReportDirectory, Calibrator.FidelityFile), comparison.Markdown(null));
        Console.Out.WriteLine($"fidelity report: {Path.Combine(settings.ReportDirectory, Calibrator.FidelityFile)}");
        return comparison.AllIdentical ? ExitCodes.Ok : ExitCodes.Failed;
    }
    catch (InvalidDataException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return ExitCodes.Usage;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: cannot write {Calibrator.FidelityFile} to {settings.ReportDirectory}: {e.Message}");
        return ExitCodes.Usage;
    }
}

// The details of an internal error go to the error log in the report folder, or to the temp folder when that fails too.
static string SaveDetails(string reportDirectory, string details)
{
    foreach (var folder in new[] { reportDirectory, Path.GetTempPath() })
    {
        try
        {
            Directory.CreateDirectory(folder);
            var log = Path.Combine(folder, ReportWriter.ErrorLog);
            File.WriteAllText(log, details);
            return $" (details in {log})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    return "";
}
