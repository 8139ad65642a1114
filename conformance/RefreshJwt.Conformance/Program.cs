using System.CommandLine;
using RefreshJwt.Conformance;
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

    // Taken before the run: NUnit swaps Console.Out and Console.Error for its own capture while cases run.
    var (output, error) = (Console.Out, Console.Error);

    try
    {
        // Find out now, not after the run, that the reports cannot be written.
        Directory.CreateDirectory(settings.ReportDirectory);
        File.Delete(Path.Combine(settings.ReportDirectory, ReportWriter.Json));
        output.WriteLine($"refresh_jwt conformance against {settings.Target?.ToString() ?? $"the embedded mock ({settings.MockProfile})"}");
        var result = await ConformanceRunner.RunAsync(settings, output, redactor, interrupt);
        var written = ReportWriter.Write(result, settings.ReportDirectory);
        output.WriteLine();
        foreach (var broken in result.OutsideCases)
        {
            output.WriteLine($"invariant broken outside any case: {broken}");
        }

        output.WriteLine(result.Summary);
        output.WriteLine($"reports: {string.Join(", ", written)}");
        return result.ExitCode;
    }
    catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
    {
        error.WriteLine("interrupted: what the run changed on the target has been put back; no report was written");
        return ExitCodes.Interrupted;
    }
    catch (InterruptedRestoreException e)
    {
        error.WriteLine($"interrupted: could not put back what the run changed on the target: {redactor.Redact(e.Message.Split('\n')[0])}");
        return ExitCodes.Interrupted;
    }
    catch (TargetUnavailableException e)
    {
        error.WriteLine($"error: {redactor.Redact(e.Message)}");
        return ExitCodes.Usage;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        error.WriteLine($"error: cannot write the reports to {settings.ReportDirectory}: {redactor.Redact(e.Message)}");
        return ExitCodes.Usage;
    }
    catch (Exception e)
    {
        // A HarnessException (the harness broke inside a case) or anything else: never a verdict.
        error.WriteLine($"internal error: {redactor.Redact(e.Message.Split('\n')[0])}{SaveDetails(settings.ReportDirectory, redactor.Redact(e.ToString()))}");
        return ExitCodes.Internal;
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
