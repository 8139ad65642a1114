using RefreshJwt.Conformance.Calibration;
using RefreshJwt.Conformance.Runner;
using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>
/// Calibration against servers that share no code with the mock: observe a reference server as a cluster (no admin
/// API), play the observed profile on the mock, and find every compared case identical.
/// </summary>
[NonParallelizable]
public sealed class ReferenceFidelityTests
{
    private static readonly ReferenceChoices Rich = new() { Claims = ClaimSet.Rich, ErrorField = ErrorField.Message, AdminApi = false };
    private static readonly ReferenceChoices Minimal = new() { AdminApi = false };

    private static IEnumerable<TestCaseData> Configurations()
    {
        var bearerBehind = Rich with { AcceptBearer = true, ClockOffset = TimeSpan.FromMinutes(-5) };
        var revoked = bearerBehind with { RevokeRefreshed = true };
        var ahead = revoked with { ClockOffset = TimeSpan.FromMinutes(5) };
        yield return Configuration("rich claims, message errors", Rich);
        yield return Configuration("rich, Bearer accepted, clock behind", bearerBehind);
        yield return Configuration("rich, Bearer, clock behind, refreshed tokens revoked", revoked);
        yield return Configuration("rich, Bearer, revoked, clock ahead", ahead);
        yield return Configuration("rich, Bearer, revoked, clock ahead, 60 s leeway", ahead with { LeewaySeconds = 60 });
        yield return Configuration("minimal claims, empty refusal bodies", Minimal with { ErrorField = ErrorField.EmptyBody });
        yield return Configuration("minimal claims, credentials in the body (RS 7.4)", Minimal with { Credentials = CredentialStyle.JsonBody });
        yield return Configuration("minimal claims, ttl clamped to 1..86400", Minimal with { Ttl = TtlHandling.Clamp });
    }

    [TestCaseSource(nameof(Configurations))]
    [Explicit("fidelity against independent servers is not yet M/M: see the calibration work")]
    public async Task The_mock_calibrated_from_a_reference_server_behaves_as_that_server(ReferenceChoices choices)
    {
        await using var server = await ReferenceServer.StartAsync(choices);
        var folder = Directory.CreateTempSubdirectory("refresh-jwt-reference-fidelity-").FullName;
        try
        {
            var settings = server.Settings() with { ReportDirectory = folder };
            var serverRun = await ConformanceRunner.RunAsync(settings, TextWriter.Null);
            var profilePath = Path.Combine(folder, Calibrator.ProfileFile);
            await File.WriteAllTextAsync(profilePath, await Calibrator.ObserveAsync(settings, serverRun));

            var (comparison, _) = await Calibrator.FidelityAsync(settings, serverRun, profilePath, TextWriter.Null);

            TestContext.Out.WriteLine(comparison.Summary);
            TestContext.Out.WriteLine(string.Join('\n', comparison.ConsoleLines()));
            Assert.That(serverRun.Failures(), Is.Empty, "the reference server is faithful");
            Assert.That(comparison.AllIdentical, Is.True, comparison.Summary);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TestCaseData Configuration(string name, ReferenceChoices choices) =>
        new TestCaseData(choices).SetArgDisplayNames(name);
}
