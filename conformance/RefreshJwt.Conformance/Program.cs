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

return await parsed.InvokeAsync();

static async Task<int> RunAsync(RunSettings settings, bool list)
{
    if (list)
    {
        Console.Out.Write(CatalogueTable.Markdown(ConformanceRunner.Catalogue()));
        return ExitCodes.Ok;
    }

    var redactor = new RefreshJwt.Conformance.Evidence.Redactor([settings.Password, settings.ExpiredPassword]);
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
        return result.ExitCode;
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
