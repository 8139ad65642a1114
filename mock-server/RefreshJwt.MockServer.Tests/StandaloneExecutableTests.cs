using System.Net;
using System.Net.Sockets;
using System.Text;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The mock as its own process: first line the base URL, SIGTERM exits 0, bad input exits 2 with one line.</summary>
public sealed class StandaloneExecutableTests
{
    private static readonly Dictionary<string, string> FixedKey = new() { [MockCommandLine.SigningKeyVariable] = MockUnderTest.SigningKey };

    [Test]
    public void Executable_sits_next_to_the_tests_with_its_runtime_config() =>
        Assert.Multiple(() =>
        {
            Assert.That(StandaloneMock.DllPath, Does.Exist);
            Assert.That(Path.ChangeExtension(StandaloneMock.DllPath, ".runtimeconfig.json"), Does.Exist);
        });

    [Test]
    public async Task First_line_is_the_base_url_and_sigterm_stops_it_with_exit_code_0()
    {
        using var mock = StandaloneMock.Start(["--port", "0", "--http", "--quiet"], FixedKey);

        var baseUrl = await mock.FirstLineAsync();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Headers = { Authorization = MockUnderTest.Basic(TestUsers.Admin) } };
        using var response = await http.SendAsync(request);
        var token = await response.AccessTokenAsync();
        var exitCode = await mock.SignalAsync("TERM");

        Assert.Multiple(() =>
        {
            Assert.That(baseUrl, Does.Match(@"^http://127\.0\.0\.1:\d+$"));
            Assert.That(TokenForge.HasValidSignature(token, MockUnderTest.Key), Is.True, $"signed with {MockCommandLine.SigningKeyVariable}");
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(mock.Stderr, Has.Some.EqualTo("stopped").And.None.Contains("Unhandled"));
        });
    }

    [Test]
    public async Task Sigint_stops_it_with_exit_code_0_too()
    {
        using var mock = StandaloneMock.Start(["--port", "0", "--http", "--quiet"]);
        await mock.FirstLineAsync();

        Assert.That(await mock.SignalAsync("INT"), Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task Https_with_given_pem_files_serves_that_certificate()
    {
        var directory = Directory.CreateTempSubdirectory("refresh-jwt-exe-certs-").FullName;
        try
        {
            var expected = Certificates.WritePem(directory, "rsa", out var certificatePath, out var keyPath);
            using var mock = StandaloneMock.Start(["--port", "0", "--quiet", "--cert", certificatePath, "--key", keyPath]);

            var baseUrl = await mock.FirstLineAsync();
            var (presented, _) = await Certificates.PresentedAsync(new Uri(baseUrl).Port, "localhost");

            Assert.Multiple(() =>
            {
                Assert.That(baseUrl, Does.StartWith("https://127.0.0.1:"));
                Assert.That(presented.Thumbprint, Is.EqualTo(expected.Thumbprint));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Flags_reach_the_mock()
    {
        using var mock = StandaloneMock.Start(["--port", "0", "--http", "--quiet", "--profile", "rs-8.2", "--clock-offset", "3600", "--journal-size", "2"]);
        using var http = new HttpClient { BaseAddress = new Uri(await mock.FirstLineAsync()) };

        var index = await (await http.GetAsync("/__mock")).JsonAsync();
        var clock = await (await http.GetAsync("/__mock/clock")).JsonAsync();
        var journal = await (await http.GetAsync("/__mock/journal")).JsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(index.GetProperty("profile").GetString(), Is.EqualTo("rs-8.2"));
            Assert.That(clock.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(3600));
            Assert.That(journal.GetProperty("capacity").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Request_log_on_stdout_has_a_line_per_request_and_no_token_or_password()
    {
        using var mock = StandaloneMock.Start(["--port", "0", "--http"]);
        using var http = new HttpClient { BaseAddress = new Uri(await mock.FirstLineAsync()) };
        var basic = MockUnderTest.Basic(TestUsers.Admin);

        using var authorize = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize") { Headers = { Authorization = basic } });
        var token = await authorize.AccessTokenAsync();
        using var refresh = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt") { Headers = { { "Authorization", $"JWT {token}" } } });
        var refreshed = await refresh.AccessTokenAsync();
        using var refused = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt") { Headers = { { "Authorization", $"JWT {refreshed}x" } } });
        using var user = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/users/1") { Headers = { Authorization = basic } });
        await mock.SignalAsync();

        var log = mock.Stdout.Skip(1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(log, Has.Count.EqualTo(4));
            Assert.That(log, Has.Some.Contains("refused bad_signature"));
            foreach (var secret in new[] { token, refreshed, token.Split('.')[2], refreshed.Split('.')[2], TestUsers.Admin.Password, basic.Parameter! })
            {
                Assert.That(log, Has.None.Contains(secret));
            }
        });
    }

    [TestCase("unknown flag")]
    [TestCase("port too high")]
    [TestCase("port not a number")]
    [TestCase("journal size 0")]
    [TestCase("journal size not a number")]
    [TestCase("journal size beyond an array")]
    [TestCase("body cap 0")]
    [TestCase("body cap not a number")]
    [TestCase("clock offset not a number")]
    [TestCase("cert without key")]
    [TestCase("key without cert")]
    [TestCase("cert with http")]
    [TestCase("ecdsa cert")]
    [TestCase("users file missing")]
    [TestCase("users file not json")]
    [TestCase("users file without users")]
    [TestCase("profile file invalid")]
    [TestCase("profile unknown")]
    [TestCase("port in use")]
    [TestCase("client report folder missing")]
    [TestCase("fault not json")]
    public async Task Bad_input_exits_2_with_one_line_on_stderr_and_no_stack_trace(string problem)
    {
        var directory = Directory.CreateTempSubdirectory("refresh-jwt-exe-").FullName;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var (exitCode, stdout, stderr) = await StandaloneMock.RunToExitAsync(Arguments(problem, directory, ((IPEndPoint)taken.LocalEndpoint).Port));

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
                Assert.That(stderr, Has.Count.EqualTo(1), string.Join('\n', stderr));
                Assert.That(stderr, Has.All.StartsWith("error: ").And.None.Contains("   at ").And.None.Contains("Exception").And.None.Contains("System."));
                Assert.That(stdout, Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("port in use", "choose another --port, or --port 0 for any free port")]
    [TestCase("profile unknown", "the profiles are rs-7.4, rs-7.8, rs-8.2, or give the path of a profile JSON file")]
    [TestCase("port not a number", "'abc' for option '--port' as a whole number")]
    public async Task Errors_suggest_the_fix(string problem, string suggestion)
    {
        var directory = Directory.CreateTempSubdirectory("refresh-jwt-exe-").FullName;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var (_, _, stderr) = await StandaloneMock.RunToExitAsync(Arguments(problem, directory, ((IPEndPoint)taken.LocalEndpoint).Port));

            Assert.That(stderr, Has.One.Contains(suggestion));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Plain_http_to_the_https_mock_is_told_to_use_https()
    {
        using var mock = StandaloneMock.Start(["--port", "0"]);
        var plain = (await mock.FirstLineAsync()).Replace("https://", "http://", StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(plain) };

        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/v1/users/1"));
        await mock.SignalAsync();

        Assert.That(mock.Stdout, Has.Some.EqualTo(PlainHttpHint.Line), "HttpClient may retry: one line per attempt");
    }

    [Test]
    public async Task Help_names_the_entry_point_the_signing_key_variables_the_admin_endpoints_and_the_default_users()
    {
        var (exitCode, stdout, _) = await StandaloneMock.RunToExitAsync("--help");
        var help = string.Join('\n', stdout);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            foreach (var needed in new[] { "./run-conformance.sh mock", "refresh-jwt-mock", "REFRESH_JWT_MOCK_SIGNING_KEY", "RS_SIGNING_KEY", "/__mock", "faults", "client-report", "admin@example.com / Passw0rd!", "expired@example.com / Expired-1", "--fault", "--client-report", "Exit codes" })
            {
                Assert.That(help, Does.Contain(needed));
            }
        });
    }

    private static string[] Arguments(string problem, string directory, int takenPort)
    {
        string File(string name, string text)
        {
            var path = Path.Combine(directory, name);
            System.IO.File.WriteAllText(path, text, Encoding.UTF8);
            return path;
        }

        string[] Pem(string keyType)
        {
            Certificates.WritePem(directory, keyType, out var certificate, out var key);
            return ["--cert", certificate, "--key", key];
        }

        return problem switch
        {
            "unknown flag" => ["--bogus"],
            "port too high" => ["--port", "70000"],
            "port not a number" => ["--port", "abc"],
            "journal size 0" => ["--journal-size", "0"],
            "journal size not a number" => ["--journal-size", "many"],
            "journal size beyond an array" => ["--journal-size", "2147483647"],
            "body cap 0" => ["--max-body-size", "0"],
            "body cap not a number" => ["--max-body-size", "64k"],
            "clock offset not a number" => ["--clock-offset", "1h"],
            "cert without key" => [.. Pem("rsa")[..2]],
            "key without cert" => [.. Pem("rsa")[2..]],
            "cert with http" => [.. Pem("rsa"), "--http"],
            "ecdsa cert" => [.. Pem("ecdsa"), "--port", "0"],
            "users file missing" => ["--users", Path.Combine(directory, "absent.json")],
            "users file not json" => ["--users", File("users.json", "nope\n")],
            "users file without users" => ["--users", File("users.json", "[]")],
            "profile file invalid" => ["--profile", File("profile.json", """{"name": "x", "algorithms": ["none"]}""")],
            "profile unknown" => ["--profile", "rs-0.0"],
            "port in use" => ["--port", $"{takenPort}", "--http"],
            "client report folder missing" => ["--port", "0", "--client-report", Path.Combine(directory, "absent", "report.json")],
            "fault not json" => ["--port", "0", "--fault", "status=503"],
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "a known problem"),
        };
    }
}
