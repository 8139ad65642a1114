using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// docs/openapi.yaml linted by Redocly's CLI from npm, with docs/redocly.yaml: no error, no warning, nothing ignored.
/// It needs Node.js (20.19 or later) and npx; .ci/run installs them, and a machine without them fails here saying so.
/// </summary>
[NonParallelizable]
public sealed class OpenApiLintTests
{
    private const string Redocly = "@redocly/cli@2.77.0";

    /// <summary>The first run downloads the CLI; later ones take seconds.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static string Docs => Path.GetDirectoryName(OpenApiContract.DocumentPath)!;

    [Test]
    public async Task The_document_lints_clean_with_Redocly()
    {
        var totals = await LintAsync(OpenApiContract.DocumentPath);

        Assert.That(totals, Is.EqualTo((0, 0, 0)), $"errors, warnings, ignored: see npx {Redocly} lint docs/openapi.yaml --config docs/redocly.yaml");
    }

    /// <summary>The lint has teeth: the document without an operation's operationId and 4xx answers is not clean.</summary>
    [Test]
    public async Task A_document_breaking_the_rules_does_not_lint_clean()
    {
        var text = await File.ReadAllTextAsync(OpenApiContract.DocumentPath);
        var broken = text.Replace("      operationId: getUser\n", "", StringComparison.Ordinal);
        Assert.That(broken, Is.Not.EqualTo(text), "the document changed: pick another rule to break");
        var copy = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(copy, broken);
        try
        {
            var (errors, warnings, _) = await LintAsync(copy);
            Assert.That(errors + warnings, Is.Positive);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static async Task<(int Errors, int Warnings, int Ignored)> LintAsync(string document)
    {
        var start = new ProcessStartInfo("npx", ["--yes", Redocly, "lint", document, "--config", Path.Combine(Docs, "redocly.yaml"), "--format=json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Docs,
            Environment = { ["NO_UPDATE_NOTIFIER"] = "1", ["REDOCLY_TELEMETRY"] = "off" },
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            Assert.Fail("npx is not on PATH, so docs/openapi.yaml cannot be linted: install Node.js 20.19 or later with npm "
                + "(Debian: apt-get install -y nodejs npm, then npm install -g node@22), or run .ci/run, which does");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            var waited = Stopwatch.StartNew();
            while (!process.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                if (waited.Elapsed > Limit)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"npx {Redocly} lint did not finish within {Limit.TotalMinutes} minutes");
                }

                var seconds = waited.Elapsed.TotalSeconds;
                await TestContext.Progress.WriteLineAsync($"waiting for npx {Redocly} lint ({seconds:F0} s; a first run downloads it)");
            }

            var json = await output;
            var stderr = await errors;
            Assert.That(json.TrimStart(), Does.StartWith("{"), $"npx {Redocly} exited {process.ExitCode} without a JSON report: {Tail(stderr)}");
            using var report = JsonDocument.Parse(json);
            var totals = report.RootElement.GetProperty("totals");
            await TestContext.Out.WriteLineAsync($"{Path.GetFileName(document)}: {totals}");
            return (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32(), totals.GetProperty("ignored").GetInt32());
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
