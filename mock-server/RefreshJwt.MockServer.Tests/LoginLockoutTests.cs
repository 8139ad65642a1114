using System.Net;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The login lockout with the documented defaults: 5 refused passwords in 900 s lock the user for 1800 s, by the mock's clock.</summary>
public sealed class LoginLockoutTests
{
    private static readonly Credentials WrongPassword = TestUsers.Admin with { Password = "not the password" };

    [Test]
    public async Task Five_refused_passwords_lock_the_user_as_a_cluster_shows_it()
    {
        using var mock = MockUnderTest.Start();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var refused = await mock.AuthorizeAsync(WrongPassword);
            statuses.Add(refused.StatusCode);
        }

        using var right = await mock.AuthorizeAsync(TestUsers.Admin);
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");

        Assert.Multiple(async () =>
        {
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
            await right.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized", mock.Host.Profile);
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo("user_locked"));
            Assert.That(await StatusAsync(mock), Is.EqualTo("locked"), "GET /__mock/users shows the user locked");
        });
    }

    [Test]
    public async Task Four_refused_passwords_do_not_lock()
    {
        using var mock = MockUnderTest.Start();
        await RefuseAsync(mock, 4);

        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_lock_lasts_1800_seconds_of_the_mocks_clock()
    {
        using var mock = MockUnderTest.Start();
        await RefuseAsync(mock, 5);

        await mock.AdvanceAsync(1799);
        using var stillLocked = await mock.AuthorizeAsync(TestUsers.Admin);
        await mock.AdvanceAsync(1);
        using var open = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.Multiple(async () =>
        {
            Assert.That(stillLocked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(mock), Is.EqualTo("active"));
        });
    }

    [Test]
    public async Task An_admin_unlocks_the_user_and_the_count_starts_again()
    {
        using var mock = MockUnderTest.Start();
        await RefuseAsync(mock, 5);

        await mock.SetStatusAsync(TestUsers.AdminUid, "active");
        using var open = await mock.AuthorizeAsync(TestUsers.Admin);
        await RefuseAsync(mock, 4);
        using var stillOpen = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stillOpen.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase(899, HttpStatusCode.Unauthorized)]
    [TestCase(900, HttpStatusCode.OK)]
    public async Task The_count_starts_again_900_seconds_after_its_first_refusal(int seconds, HttpStatusCode expected)
    {
        using var mock = MockUnderTest.Start();
        await RefuseAsync(mock, 4);

        await mock.AdvanceAsync(seconds);
        await RefuseAsync(mock, 1);
        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Refused_Basic_credentials_on_a_user_read_count_too()
    {
        using var mock = MockUnderTest.Start();
        for (var i = 0; i < 5; i++)
        {
            using var refused = await mock.GetUserAsync(TestUsers.AdminUid, MockUnderTest.Basic(WrongPassword).ToString());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var right = await mock.AuthorizeAsync(TestUsers.Admin);

        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_client_report_warns_a_client_resending_a_refused_password_before_the_account_locks()
    {
        using var mock = MockUnderTest.Start();
        await RefuseAsync(mock, 2);

        var status = await StatusAsync(mock);
        using var response = await mock.Http.GetAsync("/__mock/client-report");
        var report = await response.JsonAsync();
        var c10 = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "C10");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo("active"), "the warning comes while the account is still open");
            Assert.That(c10.GetProperty("level").GetString(), Is.EqualTo("SHOULD"));
            Assert.That(c10.GetProperty("verdict").GetString(), Is.EqualTo("warned"));
            Assert.That(c10.GetProperty("detail").GetString(), Does.Contain("refused password again"));
            Assert.That(report.GetProperty("verdict").GetString(), Is.EqualTo("warn"));
        });
    }

    internal static async Task RefuseAsync(MockUnderTest mock, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var refused = await mock.AuthorizeAsync(WrongPassword);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a wrong password is refused");
        }
    }

    internal static async Task<string?> StatusAsync(MockUnderTest mock, string uid = TestUsers.AdminUid)
    {
        using var response = await mock.Http.GetAsync("/__mock/users");
        var users = (await response.JsonAsync()).EnumerateArray();
        return users.Single(u => u.GetProperty("uid").GetRawText() == uid).GetProperty("status").GetString();
    }
}
