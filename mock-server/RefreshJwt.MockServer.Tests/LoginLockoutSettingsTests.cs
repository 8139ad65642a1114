using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The lockout's profile settings: 0 turns each part off, and whether a success resets the count is a choice.</summary>
public sealed class LoginLockoutSettingsTests
{
    [Test]
    public async Task Threshold_0_never_locks()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LoginLockoutThreshold = 0 });
        await LoginLockoutTests.RefuseAsync(mock, 20);

        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Duration_0_locks_until_an_admin_unlocks()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LoginLockoutDuration = 0 });
        await LoginLockoutTests.RefuseAsync(mock, 5);

        await mock.AdvanceAsync(30 * 86400);
        using var stillLocked = await mock.AuthorizeAsync(TestUsers.Admin);
        await mock.SetStatusAsync(TestUsers.AdminUid, "active");
        using var unlocked = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(stillLocked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unlocked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Count_window_0_never_lapses()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LoginLockoutCounterResetAfter = 0 });
        await LoginLockoutTests.RefuseAsync(mock, 4);

        await mock.AdvanceAsync(30 * 86400);
        await LoginLockoutTests.RefuseAsync(mock, 1);
        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(true, HttpStatusCode.OK)]
    [TestCase(false, HttpStatusCode.Unauthorized)]
    public async Task A_success_resets_the_count_only_when_the_profile_says_so(bool resets, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { LoginLockoutSuccessResets = resets });
        await LoginLockoutTests.RefuseAsync(mock, 4);
        using (var between = await mock.AuthorizeAsync(TestUsers.Admin))
        {
            Assert.That(between.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await LoginLockoutTests.RefuseAsync(mock, 1);
        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public void The_defaults_are_the_documented_ones_and_a_success_resets()
    {
        var profile = MockProfile.Load(Fixtures.ProfilePath(Fixtures.Locate(), Fixtures.DefaultProfile));

        Assert.That(
            (profile.LoginLockoutThreshold, profile.LoginLockoutCounterResetAfter, profile.LoginLockoutDuration, profile.LoginLockoutSuccessResets),
            Is.EqualTo((5, 900, 1800, true)));
    }

    [TestCase("\"loginLockoutThreshold\": -1", "loginLockoutThreshold must be from 0")]
    [TestCase("\"loginLockoutDuration\": 604801", "loginLockoutDuration must be from 0")]
    [TestCase("\"loginLockoutCounterResetAfter\": -5", "loginLockoutCounterResetAfter must be from 0")]
    [TestCase("\"loginLockoutSuccessResets\": \"yes\"", "")]
    [TestCase("\"loginLockoutThreshold\": \"5\"", "")]
    public void A_setting_out_of_range_or_of_the_wrong_type_is_a_configuration_error(string setting, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lockout-{Guid.NewGuid():N}.json");
        var good = File.ReadAllText(Fixtures.ProfilePath(Fixtures.Locate(), Fixtures.DefaultProfile));
        File.WriteAllText(path, good.Replace("\"refusals\": {}", $"\"refusals\": {{}}, {setting}", StringComparison.Ordinal));
        try
        {
            var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(new MockServerOptions
            {
                Port = 0,
                UseHttps = false,
                SigningKey = MockUnderTest.SigningKey,
                Profile = path,
            }));

            Assert.That(error!.Message, Does.Contain(problem).And.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
