using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>How a run reaches a reference server: as a <c>--target</c>, with its users, its key and its admin API.</summary>
public static class ReferenceRun
{
    /// <summary>
    /// Settings for a run against <paramref name="server"/> as a cluster whose operator gave the suite its signing
    /// key; <c>--mock-control</c> when the server serves the admin API, so expiry is tested on its clock.
    /// </summary>
    public static RunSettings Settings(this ReferenceServer server, params string[] cases) => new()
    {
        Target = new Uri(server.BaseUrl),
        Username = server.Admin.Email,
        Password = server.Admin.Password,
        ExpiredUsername = server.Expired.Email,
        ExpiredPassword = server.Expired.Password,
        SigningKey = server.SigningKey,
        Cases = cases,
        MockControl = server.Choices.AdminApi,
        ReportDirectory = Path.Combine(Path.GetTempPath(), "refresh-jwt-reference"),
    };

    /// <summary>The cases that fail the run, with why: empty when the run passes.</summary>
    public static IEnumerable<string> Failures(this Runner.RunResult result) =>
        result.Cases.Where(c => c.FailsRun).Select(c => $"{c.Case.Id}: {c.Reason}");
}
