using System.Text.Json.Nodes;
using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Runner;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// Calibration round trips against servers that are not the mock's code: observe a server whose silent
/// choices differ from the mock's defaults, start the mock with the observed profile, and find every compared case
/// identical; and the calibrated mock passes the server's snapshot set in CI mode.
/// </summary>
[NonParallelizable]
public sealed class CalibrationTests
{
    private static IEnumerable<TestCaseData> Servers()
    {
        yield return Server(Dialects.Described, new()
        {
            ["tokenSchemes"] = """["JWT","Bearer"]""",
            ["schemeCaseSensitive"] = "false",
            ["errorMessageField"] = "\"description\"",
            ["ttlOutOfRange"] = "\"clamp\"",
            ["ttlText"] = "\"refuse\"",
            ["refusals.expired.errorCode"] = "\"token_expired\"",
            ["refusals.badSignature.errorCode"] = "\"invalid_signature\"",
            ["refusals.malformed.body"] = "\"text\"",
            ["refusals.wrongPassword.fields"] = """["description","error_code"]""",
        });
        yield return Server(Dialects.Terse, new()
        {
            ["errorMessageField"] = "\"none\"",
            ["invalidTtlStatus"] = "422",
            ["refusals.badTtl.errorCode"] = "\"ttl_out_of_range\"",
            ["refusals.expired.body"] = "\"empty\"",
            ["revokeOnRefresh"] = "true",
            ["refreshWithoutTtl"] = "\"keep\"",
            ["extraClaims"] = """{"role":"admin"}""",
            ["perTokenClaims"] = """{"jti":"uuid"}""",
            ["userFields"] = """["auth_method","email","name","password_issue_date","role","status","uid"]""",
            ["tokenHeader"] = """{"typ":"JWT","kid":"proof-key-1"}""",
        });
        yield return Server(Dialects.Lenient, new()
        {
            ["leewaySeconds"] = "30",
            ["passwordExpiredStatus"] = "403",
            ["authorizeCredentials"] = """["basic","body"]""",
            ["clockOffsetSeconds"] = "~600",
            ["ttlText"] = "\"coerce\"",
            ["ttlNull"] = "\"default\"",
            ["unreadableBody"] = "\"ignore\"",
            ["requestContentType"] = "\"any\"",
        }, clockOffset: TimeSpan.FromMinutes(10));
    }

    [Test]
    public async Task Against_a_server_without_mock_control_what_could_not_be_seen_is_marked_and_the_rest_is_identical()
    {
        var terse = Dialects.Terse();
        var cluster = terse with
        {
            Answer = (q, u) => q.Path.StartsWith("/__mock", StringComparison.Ordinal) ? new ProxyResponse(404, "application/json", "{}") : terse.Answer!(q, u),
        };
        using var server = DeviantServer.Start(cluster);
        using var folder = new TempFolder();
        var settings = server.Settings() with { ReportDirectory = folder, MockControl = false };

        var serverRun = await ConformanceRunner.RunAsync(settings, TextWriter.Null);
        var profilePath = Path.Combine(folder, Calibrator.ProfileFile);
        await File.WriteAllTextAsync(profilePath, await Calibrator.ObserveAsync(settings, serverRun));
        var (comparison, _) = await Calibrator.FidelityAsync(settings, serverRun, profilePath, TextWriter.Null);

        TestContext.Out.WriteLine(string.Join('\n', comparison.ConsoleLines()));
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(profilePath))!.AsObject();
        Assert.That(profile["notObserved"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Contain("refusals.expiredPasswordToken"));
        Assert.That(profile["refusals"]!.AsObject().ContainsKey("expiredPasswordToken"), Is.False, "what was not observed is not written");
        Assert.That(profile["leewaySeconds"]?.GetValue<int>(), Is.Zero, "the leeway is measured by waiting, as on a cluster");
        Assert.That(comparison.Cases.Where(c => c.NotComparedBecause is not null).Select(c => c.Id), Is.EquivalentTo(new[] { "P01" }));
        Assert.That(comparison.AllIdentical, Is.True, string.Join('\n', comparison.ConsoleLines()));
        Assert.That(comparison.Summary, Is.EqualTo($"fidelity: {serverRun.Cases.Count - 1}/{serverRun.Cases.Count - 1} cases identical"));
    }

    [TestCaseSource(nameof(Servers))]
    public async Task The_mock_calibrated_from_a_server_behaves_as_that_server(Func<Deviation> dialect, Dictionary<string, string> expected, TimeSpan clockOffset)
    {
        using var server = DeviantServer.Start(dialect(), Upstream.Start(clockOffset: clockOffset));
        using var folder = new TempFolder();
        var settings = server.Settings() with
        {
            ReportDirectory = folder,
            SnapshotRoot = Path.Combine(folder, "snapshots"),
            SnapshotLabel = "observed-server",
            UpdateSnapshots = true,
        };

        var serverRun = await ConformanceRunner.RunAsync(settings, TextWriter.Null);
        var profilePath = Path.Combine(folder, Calibrator.ProfileFile);
        await File.WriteAllTextAsync(profilePath, await Calibrator.ObserveAsync(settings, serverRun));
        var (comparison, mockRun) = await Calibrator.FidelityAsync(settings with { UpdateSnapshots = false, Ci = true }, serverRun, profilePath, TextWriter.Null);

        TestContext.Out.WriteLine(string.Join('\n', comparison.ConsoleLines()));
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(profilePath))!.AsObject();
        Assert.Multiple(() =>
        {
            foreach (var (path, value) in expected)
            {
                // "~N": N within a second either way, as a clock offset is measured over a request.
                var matches = value.StartsWith('~')
                    ? At(profile, path) is JsonValue v && v.TryGetValue<long>(out var n) && Math.Abs(n - long.Parse(value[1..], System.Globalization.CultureInfo.InvariantCulture)) <= 1
                    : JsonNode.DeepEquals(At(profile, path), JsonNode.Parse(value));
                Assert.That(matches, Is.True, $"observed {path} = {At(profile, path)?.ToJsonString() ?? "nothing"}, expected {value}");
            }

            Assert.That(comparison.Compared.Where(c => c.Differences.Count > 0).Select(c => $"{c.Id}: {string.Join("; ", c.Differences)}"), Is.Empty);
            Assert.That(comparison.Summary, Is.EqualTo($"fidelity: {serverRun.Cases.Count}/{serverRun.Cases.Count} cases identical"));
            Assert.That(mockRun.Cases.Where(c => c.Snapshot is { Status: not SnapshotStatus.Matched }).Select(c => $"{c.Case.Id}: {c.Snapshot!.Status}"), Is.Empty,
                "the calibrated mock passes the server's snapshot set in CI mode");
            Assert.That(File.ReadAllText(Path.Combine(folder, Calibrator.FidelityFile)), Does.Contain(comparison.Summary));
        });
    }

    [Test]
    public async Task A_mock_that_is_not_calibrated_differs_and_says_where()
    {
        using var server = DeviantServer.Start(Dialects.Terse());
        using var folder = new TempFolder();
        var settings = server.Settings() with { ReportDirectory = folder };
        var serverRun = await ConformanceRunner.RunAsync(settings, TextWriter.Null);

        var (comparison, _) = await Calibrator.FidelityAsync(settings, serverRun, Path.Combine(MockServer.Fixtures.Locate(), "profiles", "rs-7.8.json"), TextWriter.Null);

        var differing = comparison.Compared.Where(c => c.Differences.Count > 0).ToDictionary(c => c.Id, c => string.Join("; ", c.Differences));
        TestContext.Out.WriteLine(string.Join('\n', comparison.ConsoleLines()));
        Assert.That(comparison.AllIdentical, Is.False);
        Assert.That(differing["N01"], Does.Contain("body empty → json object").And.Contain("content type none → application/json"));
        Assert.That(differing["T04"], Does.Contain("status 422 → 400"));
        Assert.That(differing["V13"], Does.Contain("claim names [exp, iat, jti, role, uid] → [exp, iat, uid]"));
        Assert.That(differing["N33"], Does.Contain("observation \"the same token refreshed twice\": refused (401) → accepted"));
        Assert.That(differing["I03"], Does.Contain("exp - iat 600 → 300"));
    }

    [Test]
    public void A_verdict_that_differs_says_why_each_side_judged_as_it_did()
    {
        RunEvidence Run(string verdict, string? reason) => new("t", [new CaseEvidence("R01", verdict, reason, [], [])]);

        var comparison = FidelityComparison.Compare(Run("pass", null), Run("fail", "a winner does not work: 401\nsecond line"), "server", "mock");

        Assert.That(comparison.Compared.Single().Differences, Is.EqualTo(new[] { "verdict: pass → fail; mock: a winner does not work: 401" }));
    }

    [Test]
    public async Task Parallel_refreshes_that_straddle_a_second_compare_identical_to_ones_that_do_not()
    {
        // Once three refreshes presenting one token have been answered, the server's clock moves a second on before any
        // other refresh with that token goes through: R01's six parallel refreshes are issued in (at least) two seconds,
        // so the tokens they win are not all one string.
        var presented = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var issuedAt = new System.Collections.Concurrent.ConcurrentBag<(int Order, string Presented, long? IssuedAt)>();
        var order = 0;
        using var moved = new ManualResetEventSlim();
        var straddle = new Deviation("parallel refreshes straddle a second", [],
            Request: (q, _) =>
            {
                if (q.IsRefresh && q.Token is { } token && presented.AddOrUpdate(token, 1, (_, n) => n + 1) > 3)
                {
                    Assert.That(moved.Wait(TimeSpan.FromSeconds(30)), Is.True, "three refreshes were answered");
                }

                return q;
            },
            Response: (q, r, u) =>
            {
                // A token refreshed in the second it was issued can come back as the same string (same claims, same
                // second): a second after each login, the raced token and the tokens it wins always differ.
                if (q.IsAuthorize && r.Status == 200)
                {
                    u.Mock.Clock.Advance(TimeSpan.FromSeconds(1));
                }

                if (q.IsRefresh && q.Token is { } token)
                {
                    issuedAt.Add((Interlocked.Increment(ref order), token, r.AccessToken is { } issued ? Upstream.Claims(issued)?["iat"]?.GetValue<long>() : null));
                    if (answered.AddOrUpdate(token, 1, (_, n) => n + 1) == 3 && !moved.IsSet)
                    {
                        u.Mock.Clock.Advance(TimeSpan.FromSeconds(1));
                        moved.Set();
                    }
                }

                return r;
            });
        using var straddled = DeviantServer.Start(straddle);
        using var plain = DeviantServer.Start(Deviation.None);

        var straddledRun = RunEvidence.From(await ConformanceRunner.RunAsync(straddled.Settings("R01"), TextWriter.Null));
        var plainRun = RunEvidence.From(await ConformanceRunner.RunAsync(plain.Settings("R01"), TextWriter.Null));

        // The token presented most is the one R01 raced; its last six answers are the parallel refreshes.
        var raced = presented.MaxBy(p => p.Value).Key;
        var parallel = issuedAt.Where(i => i.Presented == raced).OrderBy(i => i.Order).TakeLast(6).Select(i => i.IssuedAt);
        Assert.That(parallel.Distinct().Count(), Is.GreaterThanOrEqualTo(2), "the six parallel refreshes were issued in more than one second");
        var comparison = FidelityComparison.Compare(plainRun, straddledRun, "plain", "straddled");
        Assert.That(comparison.Compared.SelectMany(c => c.Differences), Is.Empty, "R01's evidence does not depend on the second its refreshes fell in");
    }

    /// <summary>A temporary report folder, removed with everything in it.</summary>
    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("refresh-jwt-calibration-").FullName;

        public static implicit operator string(TempFolder folder) => folder._path;

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }

    private static JsonNode? At(JsonObject profile, string path) =>
        path.Split('.').Aggregate((JsonNode?)profile, (node, key) => node is JsonObject o ? o[key] : null);

    private static TestCaseData Server(Func<Deviation> dialect, Dictionary<string, string> expected, TimeSpan clockOffset = default) =>
        new TestCaseData(dialect, expected, clockOffset).SetArgDisplayNames(dialect().Name);
}
