using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.Conformance.Tests.Power;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Snapshots;

/// <summary>
/// A pinned server stays pinned: the same behaviour matches its snapshots however keys, clocks and tokens differ;
/// a change of behaviour fails the run on CI with a diff of the normalized exchange until it is accepted.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly string[] Cases = ["A02", "V01", "T04", "E01", "N04"];

    [Test]
    public async Task Same_behaviour_matches_across_keys_clocks_and_tokens()
    {
        var folder = Temporary();
        using (var first = DeviantServer.Start(Deviation.None))
        {
            await RunAsync(first, folder, ci: false);
        }

        using var second = DeviantServer.Start(Deviation.None, Upstream.Start(clockOffset: TimeSpan.FromHours(3)));
        var result = await RunAsync(second, folder, ci: true);

        Assert.That(result.Cases.Select(c => c.Snapshot?.Status), Is.All.EqualTo(SnapshotStatus.Matched));
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task Changed_behaviour_fails_on_ci_with_a_diff()
    {
        var folder = Temporary();
        using (var before = DeviantServer.Start(Deviation.None))
        {
            await RunAsync(before, folder, ci: false);
        }

        using var after = DeviantServer.Start(Deviation.None, Upstream.Start(adjust: p => p with { ErrorMessageField = ErrorMessageField.Description }));
        var result = await RunAsync(after, folder, ci: true);

        var drifted = result.Cases.Single(c => c.Case.Id == "T04");
        Assert.That(drifted.Snapshot?.Status, Is.EqualTo(SnapshotStatus.Drifted));
        Assert.That(drifted.Explanation, Does.Contain("-         \"message\"").And.Contain("+         \"description\""));
        Assert.That(drifted.Verdict, Is.EqualTo(Catalogue.Verdict.Pass), "the case itself still conforms: only the pinned behaviour moved");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed));
    }

    [Test]
    public async Task A_missing_snapshot_fails_on_ci_and_is_written_elsewhere()
    {
        using var server = DeviantServer.Start(Deviation.None);

        var onCi = await RunAsync(server, Temporary(), ci: true);
        var folder = Temporary();
        var locally = await RunAsync(server, folder, ci: false);

        Assert.That(onCi.Cases.Select(c => c.Snapshot?.Status), Is.All.EqualTo(SnapshotStatus.Missing));
        Assert.That(onCi.ExitCode, Is.EqualTo(ExitCodes.Failed));
        Assert.That(locally.Cases.Select(c => c.Snapshot?.Status), Is.All.EqualTo(SnapshotStatus.Written));
        Assert.That(Directory.EnumerateFiles(folder, "*.snap", SearchOption.AllDirectories).Count(), Is.EqualTo(Cases.Length));
    }

    [Test]
    public async Task Update_snapshots_accepts_a_change()
    {
        var folder = Temporary();
        using (var before = DeviantServer.Start(Deviation.None))
        {
            await RunAsync(before, folder, ci: false);
        }

        using var after = DeviantServer.Start(Deviation.None, Upstream.Start(adjust: p => p with { ErrorMessageField = ErrorMessageField.None }));
        var accepted = await RunAsync(after, folder, ci: true, update: true);
        var again = await RunAsync(after, folder, ci: true);

        Assert.That(accepted.Cases.Select(c => c.Snapshot?.Status), Is.All.EqualTo(SnapshotStatus.Written));
        Assert.That(again.Cases.Select(c => c.Snapshot?.Status), Is.All.EqualTo(SnapshotStatus.Matched));
    }

    [Test]
    public async Task A_snapshot_holds_no_token_signature_or_time()
    {
        var folder = Temporary();
        using var server = DeviantServer.Start(Deviation.None);

        await RunAsync(server, folder, ci: false);

        var text = string.Concat(Directory.EnumerateFiles(folder, "*.snap", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.That(text, Does.Contain("\"Lifetime\": 300").And.Contain("\"ClaimNames\""));
        Assert.That(text, Does.Not.Contain("eyJ").And.Not.Contain("\"iat\":").And.Not.Match("1[0-9]{9}"));
    }

    private static Task<RunResult> RunAsync(DeviantServer server, string folder, bool ci, bool update = false) =>
        ConformanceRunner.RunAsync(server.Settings(Cases) with { SnapshotLabel = "pinned", SnapshotRoot = folder, Ci = ci, UpdateSnapshots = update }, TextWriter.Null);

    private static string Temporary() => Directory.CreateTempSubdirectory("refresh-jwt-snapshots-").FullName;
}
