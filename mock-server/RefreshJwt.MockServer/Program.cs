using System.Runtime.InteropServices;
using RefreshJwt.MockServer;

// The standalone mock: parse flags, start, print the base URL as the first line, serve until SIGTERM or Ctrl+C.
var parsed = MockCommandLine.Create(RunAsync).Parse(args);
if (parsed.Errors.Count > 0)
{
    // System.CommandLine names .NET types ("as expected type 'System.Int32'"): users get words.
    var message = parsed.Errors[0].Message.Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal);
    Console.Error.WriteLine($"error: {MockConfigurationException.OneLine(message)} (see --help)");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync();

static async Task<int> RunAsync(MockServerOptions options, string? clientReportPath)
{
    // Found out at start, not when the mock stops and the report would be lost.
    if (clientReportPath is not null && !Directory.Exists(Path.GetDirectoryName(clientReportPath)))
    {
        Console.Error.WriteLine($"error: --client-report: the folder of {MockConfigurationException.OneLine(clientReportPath)} does not exist");
        return ExitCodes.Usage;
    }

    // The request log goes through a queue and a buffer, never through Console.Out's lock and flush per line.
    await using var log = new BufferedLog(Console.OpenStandardOutput());
    options = options.Log is null ? options : options with { Log = log.Write };

    MockServerHost host;
    try
    {
        host = MockServerHost.Start(options);
    }
    catch (MockConfigurationException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return ExitCodes.Usage;
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"error: the mock failed to start: {e.GetBaseException().Message.Split('\n')[0].Trim()}");
        return ExitCodes.Failed;
    }

    using (host)
    {
        var stop = new TaskCompletionSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        Console.Out.WriteLine(host.BaseUrl);
        Console.Out.Flush();
        log.Start();
        var name = MockConfigurationException.OneLine(host.Profile.Name);
        Console.Error.WriteLine($"mock cluster, profile {name}; admin endpoints at {host.BaseUrl}/__mock; Ctrl+C stops");
        await stop.Task;
        Console.Error.WriteLine("stopped");
        var report = host.ClientReport.Read();
        Console.Error.WriteLine(report.Line);
        if (clientReportPath is not null)
        {
            try
            {
                File.WriteAllText(clientReportPath, System.Text.Json.JsonSerializer.Serialize(report, ClientReportJson));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write the client report to {clientReportPath}: {e.Message}");
                return ExitCodes.Failed;
            }

            return report.Failed ? ExitCodes.ClientFailed : ExitCodes.Ok;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    return ExitCodes.Ok;
}

public partial class Program
{
    private static readonly System.Text.Json.JsonSerializerOptions ClientReportJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
