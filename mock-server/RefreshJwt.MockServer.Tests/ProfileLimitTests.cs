using System.Diagnostics;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Profile files are strictly typed and bounded, and what the mock quotes from them or from a flag stays on one line.</summary>
public sealed class ProfileLimitTests
{
    private static readonly string GoodProfile = File.ReadAllText(Fixtures.ProfilePath(Fixtures.Locate(), Fixtures.DefaultProfile));

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("refresh-jwt-mock-limits-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("\"leewaySeconds\": 0", "\"leewaySeconds\": \"300\"")]
    [TestCase("\"ttlOutOfRange\": \"refuse\"", "\"ttlOutOfRange\": \"CLAMP\"")]
    [TestCase("\"ttlOutOfRange\": \"refuse\"", "\"ttlOutOfRange\": \"Clamp\"")]
    [TestCase("\"ttlOutOfRange\": \"refuse\"", "\"ttlOutOfRange\": 1")]
    [TestCase("\"passwordExpiredStatus\": 401", "\"passwordExpiredStatus\": \"401\"")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {\"note\": \"\\ud800\"}")]
    public void A_value_of_the_wrong_type_or_case_is_a_configuration_error(string setting, string replacement)
    {
        Assert.That(GoodProfile, Does.Contain(setting), "the test edits a setting the default profile has");
        var path = Write("profile.json", GoodProfile.Replace(setting, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Profile = path }));

        Assert.That(error!.Message, Does.Contain(path).And.Not.Contain("\n"));
    }

    [Test]
    public void A_profile_over_a_mebibyte_is_a_configuration_error()
    {
        var path = Write("profile.json", GoodProfile.Replace("{", "{" + new string(' ', Fixtures.MaxFileBytes), StringComparison.Ordinal));

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Profile = path }));

        Assert.That(error!.Message, Does.Contain("limit").And.Contain(path));
    }

    [Test]
    public void A_profile_name_holding_a_newline_is_quoted_escaped_on_one_line()
    {
        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Profile = "rs-7.8\nerror: forged" }));

        Assert.That(error!.Message, Does.Contain("rs-7.8\\nerror: forged").And.Not.Contain("\n"));
    }

    [TestCase("device")]
    [TestCase("fifo")]
    [TestCase("newline in name")]
    [TestCase("lone surrogate fault")]
    public async Task Hostile_flags_exit_2_with_one_line(string problem)
    {
        var args = problem switch
        {
            "device" => ["--profile", "/dev/zero"],
            "fifo" => ["--profile", MakeFifo()],
            "newline in name" => ["--profile", "rs-7.8\nerror: a forged second line"],
            _ => new[] { "--fault", """{"endpoint": "\ud800"}""" },
        };

        var (exitCode, stdout, stderr) = await StandaloneMock.RunToExitAsync([.. args, "--port", "0", "--http"]);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(stderr, Has.Count.EqualTo(1), string.Join('\n', stderr));
            Assert.That(stderr, Has.All.StartsWith("error: ").And.None.Contains("   at "));
            Assert.That(stdout, Is.Empty);
        });
    }

    private string MakeFifo()
    {
        var path = Path.Combine(_directory, "profile.json");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit(TimeSpan.FromSeconds(10));
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo made the pipe");
        return path;
    }

    private static MockServerOptions Options() => new() { Port = 0, UseHttps = false, SigningKey = MockUnderTest.SigningKey };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
