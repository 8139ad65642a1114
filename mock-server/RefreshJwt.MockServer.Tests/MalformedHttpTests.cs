using System.Text;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// HTTP that Kestrel lets through to the app but WireMock.Net would answer with a 500 and the exception's text:
/// no Host, an empty Host, a bad chunk, a body stalled or too long. Each is answered 200 or 400/408/413 in
/// the mock's error shape and journaled, written on a raw socket.
/// </summary>
public sealed class MalformedHttpTests
{
    private const string Refresh = "/v1/users/refresh_jwt";

    private MockUnderTest _mock = null!;
    private string _valid = null!;
    private string _host = null!;

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _mock = MockUnderTest.Start();
        _valid = await _mock.TokenAsync(ttl: 86400);
        _host = new Uri(_mock.Host.BaseUrl).Authority;
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task Http_1_0_without_host_is_answered_like_any_request()
    {
        var clock = await SendAsync(RawHttp.Request("GET /__mock/clock HTTP/1.0", null, []));
        var refresh = await SendAsync(RawHttp.Request($"POST {Refresh} HTTP/1.0", null, [$"Authorization: JWT {_valid}", "Content-Length: 0"]));

        Assert.Multiple(async () =>
        {
            Assert.That(clock.Status, Is.EqualTo(200), clock.Body);
            Assert.That(clock.Json().TryGetProperty("unix", out _), Is.True);
            Assert.That(refresh.Status, Is.EqualTo(200), refresh.Body);
            Assert.That((await _mock.LastEntryAsync()).GetProperty("status").GetInt32(), Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Empty_host_is_answered_like_any_request()
    {
        var clock = await SendAsync(RawHttp.Request("GET /__mock/clock HTTP/1.1", "", ["Connection: close"]));
        var refresh = await SendAsync(RawHttp.Request($"POST {Refresh} HTTP/1.1", "", ["Authorization: JWT x", "Content-Length: 0", "Connection: close"]));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Status, Is.EqualTo(200), clock.Body);
            AssertError(refresh, 401, "unauthorized");
        });
    }

    // Kestrel itself refuses "a:b" or "[::1" (a bare 400); a port out of range reaches the app.
    [TestCase("127.0.0.1:99999")]
    [TestCase("localhost:65536")]
    public async Task Host_that_is_no_host_and_port_is_400_in_the_error_shape_and_journaled(string host)
    {
        var response = await SendAsync(RawHttp.Request($"POST {Refresh} HTTP/1.1", host, [$"Authorization: JWT {_valid}", "Content-Length: 0", "Connection: close"]));

        AssertError(response, 400, "bad_request");
        await AssertJournaledAsync(400, "bad_http");
    }

    [Test]
    public async Task Bad_chunk_size_is_400_in_the_error_shape_and_journaled()
    {
        var response = await SendAsync(RawHttp.Request(
            $"POST {Refresh} HTTP/1.1", _host, [$"Authorization: JWT {_valid}", "Transfer-Encoding: chunked", "Connection: close"], "ZZZ\r\n{}\r\n0\r\n\r\n"u8.ToArray()));

        AssertError(response, 400, "bad_request");
        await AssertJournaledAsync(400, "bad_http");
    }

    [Test]
    public async Task Stalled_body_is_408_once_it_falls_below_the_minimum_data_rate()
    {
        // Content-Length within the cap and not a byte of it: Kestrel's minimum data rate gives up after its 5 s grace.
        var response = await SendAsync(
            RawHttp.Request($"POST {Refresh} HTTP/1.1", _host, [$"Authorization: JWT {_valid}", "Content-Length: 1000"]));

        AssertError(response, 408, "request_timeout");
        await AssertJournaledAsync(408, "bad_http");
    }

    [TestCase("JWT {0}")]
    [TestCase("JWT x")]
    [TestCase(null)]
    public async Task Declared_body_over_the_cap_is_413_before_a_byte_of_it_is_sent(string? authorization)
    {
        // Nothing follows the head: had the mock waited for the body, it would answer 408 after 5 s.
        string[] headers = authorization is null ? ["Content-Length: 40000000"] : [$"Authorization: {string.Format(authorization, _valid)}", "Content-Length: 40000000"];
        var response = await SendAsync(RawHttp.Request($"POST {Refresh} HTTP/1.1", _host, headers));

        AssertError(response, 413, "request_too_large");
        Assert.That(response.Headers["Connection"], Is.EqualTo("close"));
        await AssertJournaledAsync(413, "body_too_large");
    }

    [Test]
    public async Task Chunked_body_over_the_cap_is_413()
    {
        var chunk = new string(' ', 16 * 1024);
        var body = string.Concat(Enumerable.Repeat($"{chunk.Length:x}\r\n{chunk}\r\n", 5)) + "0\r\n\r\n";
        var response = await SendAsync(RawHttp.Request(
            $"POST {Refresh} HTTP/1.1", _host, [$"Authorization: JWT {_valid}", "Transfer-Encoding: chunked", "Connection: close"], Encoding.ASCII.GetBytes(body)));

        AssertError(response, 413, "request_too_large");
        await AssertJournaledAsync(413, "body_too_large");
    }

    [Test]
    public async Task Body_of_exactly_the_cap_is_read()
    {
        var body = """{"ttl": 60}""".PadRight(64 * 1024);
        using var response = await _mock.RefreshAsync($"JWT {_valid}", body);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Cap_is_a_setting()
    {
        using var mock = MockUnderTest.Start(maxBodyBytes: 64);
        var token = await mock.TokenAsync();
        using var within = await mock.RefreshAsync($"JWT {token}", """{"ttl": 60}""".PadRight(64));
        using var over = await mock.RefreshAsync($"JWT {token}", """{"ttl": 60}""".PadRight(65));

        Assert.Multiple(() =>
        {
            Assert.That((int)within.StatusCode, Is.EqualTo(200));
            Assert.That((int)over.StatusCode, Is.EqualTo(413));
        });
    }

    [TestCase(0)]
    [TestCase(MockServerOptions.MaxBodyLimit + 1)]
    public void Cap_out_of_range_is_a_configuration_error(int bytes)
    {
        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, MaxRequestBodyBytes = bytes }));
        Assert.That(error!.Message, Does.Contain("body size limit"));
    }

    [TestCase(0)]
    [TestCase(int.MaxValue)]
    public void Journal_size_out_of_range_is_a_configuration_error(int capacity)
    {
        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, JournalCapacity = capacity }));
        Assert.That(error!.Message, Does.Contain("journal size"));
    }

    /// <summary>Sends and reads until the mock closes; never half-closes, which Kestrel takes for a client gone.</summary>
    private Task<RawResponse> SendAsync(byte[] request) =>
        RawHttp.ExchangeAsync(_mock.Host.BaseUrl, request, halfClose: false, TimeSpan.FromSeconds(30));

    /// <summary>The RS error shape and nothing of the process: no exception name, no stack frame, no file path.</summary>
    private static void AssertError(RawResponse response, int status, string code)
    {
        Assert.That(response.Status, Is.EqualTo(status), response.Body);
        Assert.Multiple(() =>
        {
            Assert.That(response.Reset, Is.False, "closed, not reset");
            Assert.That(response.Headers["Content-Type"], Does.StartWith("application/json"));
            var body = response.Json();
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "error_code", "message" }));
            Assert.That(body.GetProperty("error_code").GetString(), Is.EqualTo(code));
            Assert.That(response.Body, Does.Not.Contain("Exception").And.Not.Contain(" at ").And.Not.Contain(Environment.CurrentDirectory).And.Not.Contain("/root"));
        });
    }

    private async Task AssertJournaledAsync(int status, string kind)
    {
        var entry = await _mock.LastEntryAsync();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(entry.GetProperty("refusal").GetProperty("kind").GetString(), Is.EqualTo(kind));
            Assert.That(entry.GetProperty("refusal").GetProperty("detail").GetString(), Does.Not.Contain("Exception"));
        });
    }
}
