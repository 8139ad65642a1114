using RefreshJwt.Conformance;
using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Reports;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Target;

// The conformance run: parse flags, run the catalogue against the target, write the reports, exit with the verdict.
var parsed = ConformanceCommandLine.Create(RunAsync).Parse(args);
if (parsed.Errors.Count > 0)
{
    var message = string.Join(' ', parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    Console.Error.WriteLine($"error: {message}{(message.Contains("(see ", StringComparison.Ordinal) ? "" : " (see --help)")}");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();

static async Task<int> RunAsync(RunSettings settings, bool list)
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

    try
    {
        // Find out now, not after the run, that the reports cannot be written.
        Directory.CreateDirectory(settings.ReportDirectory);
        File.Delete(Path.Combine(settings.ReportDirectory, ReportWriter.Json));
        Console.Out.WriteLine($"refresh_jwt conformance against {settings.Target?.ToString() ?? $"the embedded mock ({settings.MockProfile})"}");
        var result = await ConformanceRunner.RunAsync(settings, Console.Out, redactor);
        var written = ReportWriter.Write(result, settings.ReportDirectory);
        Console.Out.WriteLine();
        Console.Out.WriteLine(result.Summary);
        Console.Out.WriteLine($"reports: {string.Join(", ", written)}");
        return settings.ObserveProfile is null && !settings.Fidelity ? result.ExitCode : await CalibrateAsync(settings, result);
    }
    catch (TargetUnavailableException e)
    {
        Console.Error.WriteLine($"error: {redactor.Redact(e.Message)}");
        return ExitCodes.Usage;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"error: cannot write the reports to {settings.ReportDirectory}: {redactor.Redact(e.Message)}");
        return ExitCodes.Usage;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"internal error: {redactor.Redact(e.Message.Split('\n')[0])}{SaveDetails(settings.ReportDirectory, redactor.Redact(e.ToString()))}");
        return ExitCodes.Internal;
    }
}

// --observe and --fidelity: the observed profile, then (fidelity) the calibrated mock's run and the comparison.
static async Task<int> CalibrateAsync(RunSettings settings, RunResult result)
{
    var profile = await Calibrator.ObserveAsync(settings, result);
    var paths = new[] { settings.ObserveProfile, settings.Fidelity ? Path.Combine(settings.ReportDirectory, Calibrator.ProfileFile) : null }.OfType<string>().Distinct().ToList();
    foreach (var path in paths)
    {
        File.WriteAllText(path, profile);
    }

    Console.Out.WriteLine($"observed profile: {string.Join(", ", paths)}");
    if (!settings.Fidelity)
    {
        return result.ExitCode;
    }

    var (comparison, _) = await Calibrator.FidelityAsync(settings, result, paths[^1], Console.Out);
    Console.Out.WriteLine();
    foreach (var line in comparison.ConsoleLines())
    {
        Console.Out.WriteLine(line);
    }

    Console.Out.WriteLine($"fidelity report: {Path.Combine(settings.ReportDirectory, Calibrator.FidelityFile)}");
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

// The details of an internal error go to error.log in the report folder, or to the temp folder when that fails too.
static string SaveDetails(string reportDirectory, string details)
{
    foreach (var folder in new[] { reportDirectory, Path.GetTempPath() })
    {
        try
        {
            Directory.CreateDirectory(folder);
            var log = Path.Combine(folder, "refresh-jwt-conformance-error.log");
            File.WriteAllText(log, details);
            return $" (details in {log})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    return "";
}
