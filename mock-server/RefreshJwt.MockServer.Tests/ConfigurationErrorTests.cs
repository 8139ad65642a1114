using System.Net;
using System.Net.Sockets;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Settings and files the mock cannot use stop it at start with one readable line, never a crash.</summary>
public sealed class ConfigurationErrorTests
{
    private const string GoodUser = """{"uid": 1, "email": "a@example.com", "password": "p"}""";

    private static readonly string GoodProfile = File.ReadAllText(Fixtures.ProfilePath(Fixtures.Locate(), Fixtures.DefaultProfile));

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("refresh-jwt-mock-tests-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("[]", "lists no users")]
    [TestCase("""[{"uid": 0, "email": "a@example.com", "password": "p"}]""", "positive integer")]
    [TestCase("""[{"uid": 1, "email": " ", "password": "p"}]""", "needs an email")]
    [TestCase("""[{"uid": 1, "email": "a@example.com"}]""", "needs a password")]
    [TestCase($"[{GoodUser}, {GoodUser}]", "share a uid")]
    [TestCase("""[{"uid": 1, "email": "a@example.com", "password": "p"}, {"uid": 2, "email": "A@EXAMPLE.COM", "password": "q"}]""", "share an email")]
    [TestCase("""[{"uid": 1, "email": "a@example.com", "password": "p", "pasword": "typo"}]""", "pasword")]
    [TestCase("""[{"uid": 1, "email": "a@example.com", "password": "p", "status": "gone"}]""", "")]
    [TestCase("not json", "")]
    [TestCase("null", "holds null")]
    public void Invalid_users_file_is_a_configuration_error(string json, string problem)
    {
        var path = Write("users.json", json);

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { UsersPath = path }));

        AssertOneLine(error!, path, problem);
    }

    [Test]
    public void Missing_users_file_is_a_configuration_error()
    {
        var path = Path.Combine(_directory, "absent.json");

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { UsersPath = path }));

        AssertOneLine(error!, path, "cannot read");
    }

    [TestCase("\"algorithms\": [\"HS256\"]", "\"algorithms\": [\"RS256\"]", "may only hold")]
    [TestCase("\"algorithms\": [\"HS256\"]", "\"algorithms\": []", "algorithms is empty")]
    [TestCase("\"tokenSchemes\": [\"JWT\"]", "\"tokenSchemes\": []", "tokenSchemes is empty")]
    [TestCase("\"authorizeCredentials\": [\"basic\"]", "\"authorizeCredentials\": []", "authorizeCredentials is empty")]
    [TestCase("\"authorizeCredentials\": [\"basic\"]", "\"authorizeCredentials\": [\"header\"]", "")]
    [TestCase("\"leewaySeconds\": 0", "\"leewaySeconds\": -1", "negative")]
    [TestCase("\"passwordExpiredStatus\": 401", "\"passwordExpiredStatus\": 200", "not a 4xx")]
    [TestCase("\"invalidTtlStatus\": 400", "\"invalidTtlStatus\": 500", "not a 4xx")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {\"exp\": 1}", "may not redefine")]
    [TestCase("\"revokeOnRefresh\": false", "\"revokeOnRefresh\": false, \"revokeOnRefersh\": true", "revokeOnRefersh")]
    [TestCase("\"errorMessageField\": \"message\"", "\"errorMessageField\": \"text\"", "")]
    [TestCase("\"refusals\": {}", "\"refusals\": {\"expried\": {\"status\": 401}}", "refusals.expried is not a refusal reason")]
    [TestCase("\"refusals\": {}", "\"refusals\": {\"expired\": {\"status\": 200}}", "refusals.expired.status")]
    [TestCase("\"refusals\": {}", "\"refusals\": {\"expired\": {\"errorCode\": \"\"}}", "refusals.expired.errorCode")]
    [TestCase("\"refusals\": {}", "\"refusals\": {\"expired\": {\"body\": \"empty\", \"fields\": [\"error_code\"]}}", "refusals.expired.fields")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {}, \"perTokenClaims\": {\"exp\": \"uuid\"}", "perTokenClaims.exp")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {}, \"perTokenClaims\": {\"jti\": \"integer\"}", "perTokenClaims.jti")]
    [TestCase("\"tokenHeader\": {}", "\"tokenHeader\": {\"alg\": \"none\"}", "tokenHeader.alg")]
    [TestCase("\"tokenHeader\": {}", "\"tokenHeader\": {\"kid\": [1]}", "tokenHeader.kid")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {}, \"notObserved\": [\"leeway\"]", "notObserved names an unknown setting \"leeway\"")]
    [TestCase("\"clockOffsetSeconds\": 0", "\"clockOffsetSeconds\": 99999999", "clockOffsetSeconds")]
    [TestCase("\"clockOffsetSeconds\": 0", "\"clockOffsetSeconds\": 0, \"clockOffsetSeconds\": 5", "clockOffsetSeconds")]
    [TestCase("\"extraClaims\": {}", "\"extraClaims\": {}, \"ttlOutOfRange\": \"wrap\"", "")]
    [TestCase("\"tokenSchemes\": [\"JWT\"]", "\"tokenSchemes\": [\"JWT x\"]", "tokenSchemes may only hold words")]
    public void Invalid_profile_file_is_a_configuration_error(string setting, string replacement, string problem)
    {
        Assert.That(GoodProfile, Does.Contain(setting), "the test edits a setting the default profile has");
        var path = Write("profile.json", GoodProfile.Replace(setting, replacement, StringComparison.Ordinal));

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Profile = path }));

        AssertOneLine(error!, path, problem);
    }

    [Test]
    public void Profile_given_by_path_is_loaded()
    {
        var path = Write("custom.json", GoodProfile.Replace("\"name\": \"rs-7.8\"", "\"name\": \"custom\"", StringComparison.Ordinal));

        using var host = MockServerHost.Start(Options() with { Profile = path });

        Assert.That(host.Profile.Name, Is.EqualTo("custom"));
    }

    [Test]
    public void Unknown_profile_name_is_a_configuration_error()
    {
        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Profile = "rs-0.1" }));

        AssertOneLine(error!, "unknown profile \"rs-0.1\"", "rs-7.4, rs-7.8, rs-8.2");
    }

    [TestCase("HS256", 31)]
    [TestCase("HS512", 63)]
    public void Signing_key_shorter_than_the_hash_is_a_configuration_error(string alg, int length)
    {
        var options = Options() with { SigningKey = new string('k', length), AdjustProfile = p => p with { Algorithms = [alg] } };

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(options));

        AssertOneLine(error!, "signing key", $"at least {length + 1} bytes");
    }

    [Test]
    public void Port_in_use_is_a_configuration_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { Port = port }));

        AssertOneLine(error!, $"cannot listen on 127.0.0.1:{port}", "in use");
    }

    [Test]
    public void Unusable_certificate_files_are_a_configuration_error()
    {
        var cert = Write("cert.pem", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        var key = Write("key.pem", "not a key");

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { UseHttps = true, CertificatePath = cert, KeyPath = key }));

        AssertOneLine(error!, "cannot use --cert", "");
    }

    private static MockServerOptions Options() => new() { Port = 0, UseHttps = false, SigningKey = Support.MockUnderTest.SigningKey };

    private static void AssertOneLine(MockConfigurationException error, string names, string problem) =>
        Assert.That(error.Message, Does.Contain(names).And.Contain(problem).IgnoreCase.And.Not.Contain("\n").And.Not.Contain("   at "));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
