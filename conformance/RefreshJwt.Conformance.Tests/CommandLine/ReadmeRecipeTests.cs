using RefreshJwt.Conformance.Tests.Packaging;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>README's recipes, run as they stand in a shell from the repository root; its in-process example is the compiled one.</summary>
[NonParallelizable]
public sealed partial class ReadmeRecipeTests
{
    private static readonly string Repository = Path.GetFullPath(Path.Combine(Fixtures.Locate(), ".."));
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository, "README.md"));

    [Test]
    public async Task Token_recipe_gets_a_token_refreshes_it_and_reads_a_user()
    {
        var (exitCode, stdout, stderr) = await RunRecipeAsync("token");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stderr);
            Assert.That(stdout, Does.Contain("{\"access_token\":\"ey"), "the refresh answered with a new token");
            Assert.That(stdout, Does.Contain("\"uid\":1"), "the user was read with $TOKEN");
        });
    }

    [Test]
    public async Task Full_run_recipe_passes_every_case_against_the_standalone_mock()
    {
        var (exitCode, stdout, stderr) = await RunRecipeAsync("full-run");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stdout + stderr);
            Assert.That(stdout, Does.Match("[0-9]+ passed, 0 failed, 0 warnings, 0 skipped"));
        });
    }

    [Test]
    public async Task Client_report_recipe_waits_for_the_mock_and_gets_its_report()
    {
        // The recipe's placeholder for the client's tests becomes one login, so the report has a request to judge.
        var (exitCode, stdout, stderr) = await RunRecipeAsync(
            "client-report",
            client: "curl -sk -o /dev/null -u 'admin@example.com:Passw0rd!' -X POST \"$BASE/v1/users/authorize\"",
            after: "head -c 300 client-report.json");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stderr);
            Assert.That(stdout, Does.Contain("client report: exit 0"), stderr);
            Assert.That(stdout, Does.Contain("\"verdict\""), "the mock wrote client-report.json when it stopped");
        });
    }

    [Test]
    public void In_process_example_is_the_compiled_one()
    {
        var example = File.ReadAllText(Path.Combine(Repository, "mock-server/RefreshJwt.MockServer.Tests/Examples/InProcessMockExample.cs"));

        Assert.That(Block("<!-- example:in-process -->"), Is.EqualTo(example));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunRecipeAsync(string name, string? client = null, string after = "")
    {
        Assume.That(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "the recipe uses curl");
        var script = Path.Combine(Path.GetTempPath(), $"readme-recipe-{name}-{Guid.NewGuid():N}.sh");
        var work = Directory.CreateTempSubdirectory("readme-recipe-").FullName;
        try
        {
            // Run in a folder of its own (the entry point called by its full path), so mock.out and reports stay out of the checkout.
            var recipe = Block($"<!-- recipe:{name} -->").Replace("./run-conformance.sh", Quote(Path.Combine(Repository, "run-conformance.sh")), StringComparison.Ordinal);
            if (client is not null)
            {
                recipe = ClientPlaceholder().Replace(recipe, _ => client);
            }

            // A recipe that fails half-way must not leave its mock running.
            await File.WriteAllTextAsync(script, "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + recipe + after + "\n");
            return await ChildProcess.RunAsync("bash", [script], work, TimeSpan.FromMinutes(5));
        }
        finally
        {
            File.Delete(script);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The fenced code block right after <paramref name="marker"/>, without its fences.</summary>
    private static string Block(string marker)
    {
        var start = Readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README has no {marker}");
        var open = Readme.IndexOf('\n', Readme.IndexOf("```", start, StringComparison.Ordinal)) + 1;
        var close = Readme.IndexOf("\n```", open - 1, StringComparison.Ordinal) + 1;
        return Readme[open..close];
    }

    [System.Text.RegularExpressions.GeneratedRegex("^# … run your client's tests .*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex ClientPlaceholder();

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
