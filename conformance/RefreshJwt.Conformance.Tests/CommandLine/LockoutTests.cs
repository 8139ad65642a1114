using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// CI runs the suite on every commit: against a cluster that locks a user after 5 failed logins and does not reset
/// the count on success, run after run must still pass and leave the QA user unlocked. Only the opt-in
/// <c>--wrong-password-probe</c> spends a failed login of the QA user.
/// </summary>
public sealed class LockoutTests
{
    private const string QaUser = "admin@example.com";

    /// <summary>The upstream mock's users (<see cref="DeviantServer.Settings"/>), as a user runs the suite against a cluster.</summary>
    private static readonly Dictionary<string, string?> Passwords = new() { ["RS_PASSWORD"] = "Passw0rd!", ["RS_EXPIRED_PASSWORD"] = "Expired-1" };

    [Test]
    public async Task Six_full_runs_back_to_back_all_pass_and_leave_the_qa_user_unlocked()
    {
        var lockout = new Lockout();
        using var server = DeviantServer.Start(lockout.Deviation);

        var exits = new List<int>();
        var outputs = new List<string>();
        for (var run = 0; run < 6; run++)
        {
            var (exit, output, error) = await RunAsync(server.Url);
            exits.Add(exit);
            outputs.Add($"run {run + 1}: exit {exit}\n{output}{error}");
        }

        TestContext.Out.WriteLine(
            $"{exits.Count(e => e == ExitCodes.Ok)} of 6 runs passed (exit codes {string.Join(", ", exits)}); " +
            $"failed logins of {QaUser}: {lockout.FailedLogins(QaUser)}, locked: {lockout.IsLocked(QaUser)}");
        Assert.That(exits, Is.All.EqualTo(ExitCodes.Ok), string.Join("\n", outputs));
        Assert.That(lockout.FailedLogins(QaUser), Is.Zero, "failed logins the target counted for the QA user");
    }

    [Test]
    public async Task The_wrong_password_probe_spends_one_failed_login_of_the_qa_user_per_run()
    {
        var lockout = new Lockout();
        using var server = DeviantServer.Start(lockout.Deviation);

        var (exit, output, error) = await RunAsync(server.Url, "--wrong-password-probe", "--case", "A02");

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output + error);
        Assert.That(lockout.FailedLogins(QaUser), Is.EqualTo(1));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string url, params string[] more) =>
        ConformanceProcess.RunAsync(
            ["--target", url, "--username", QaUser, "--expired-username", "expired@example.com",
             "--report-dir", Directory.CreateTempSubdirectory("refresh-jwt-lockout-").FullName, .. more],
            Passwords);
}
