using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>HTTPS with a generated or a given certificate, plain HTTP, and the port the mock listens on.</summary>
public sealed class TransportTests
{
    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("refresh-jwt-mock-certs-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Https_by_default_with_a_self_signed_certificate_for_localhost_and_127_0_0_1()
    {
        using var host = MockServerHost.Start(Options() with { UseHttps = true });
        var port = new Uri(host.BaseUrl).Port;

        var (certificate, byName) = await Certificates.PresentedAsync(port, "localhost");
        var (_, byAddress) = await Certificates.PresentedAsync(port, "127.0.0.1");
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
        chain.ChainPolicy.CustomTrustStore.Add(certificate);

        Assert.Multiple(() =>
        {
            Assert.That(host.BaseUrl, Does.StartWith("https://127.0.0.1:"));
            Assert.That(certificate.SubjectName.RawData, Is.EqualTo(certificate.IssuerName.RawData), "self-issued");
            Assert.That(chain.Build(certificate), Is.True, "signed by its own key");
            Assert.That(chain.ChainElements, Has.Count.EqualTo(1));
            Assert.That(names.EnumerateDnsNames(), Does.Contain("localhost"));
            Assert.That(names.EnumerateIPAddresses(), Does.Contain(IPAddress.Loopback).And.Contain(IPAddress.IPv6Loopback));
            Assert.That(byName, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors), "only untrusted, the name matches");
            Assert.That(byAddress, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors), "only untrusted, the address matches");
            Assert.That(certificate.NotBefore, Is.LessThan(DateTime.Now));
            Assert.That(certificate.NotAfter, Is.GreaterThan(DateTime.Now.AddDays(30)));
        });
    }

    [Test]
    public async Task Https_request_succeeds_when_exactly_that_certificate_is_trusted()
    {
        using var host = MockServerHost.Start(Options() with { UseHttps = true });
        var (certificate, _) = await Certificates.PresentedAsync(new Uri(host.BaseUrl).Port, "localhost");
        using var other = MockServerHost.Start(Options() with { UseHttps = true });
        var (otherCertificate, _) = await Certificates.PresentedAsync(new Uri(other.BaseUrl).Port, "localhost");

        using var pinned = Certificates.PinnedClient(certificate, host.BaseUrl);
        using var response = await pinned.GetAsync("/__mock/clock");
        using var wrongPin = Certificates.PinnedClient(otherCertificate, host.BaseUrl);
        using var unpinned = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherCertificate.Thumbprint, Is.Not.EqualTo(certificate.Thumbprint), "each start makes its own certificate");
            Assert.ThrowsAsync<HttpRequestException>(() => wrongPin.GetAsync("/__mock/clock"));
            Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync("/__mock/clock"));
        });
    }

    [Test]
    public async Task N13_hmac_keyed_with_the_servers_public_key_is_refused()
    {
        using var host = MockServerHost.Start(Options() with { UseHttps = true });
        var (certificate, _) = await Certificates.PresentedAsync(new Uri(host.BaseUrl).Port, "localhost");
        using var http = Certificates.PinnedClient(certificate, host.BaseUrl);
        var now = host.Clock.UnixSeconds;
        var publicKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var pem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
        byte[][] keys = [System.Text.Encoding.ASCII.GetBytes(pem), System.Text.Encoding.ASCII.GetBytes(pem + "\n"), publicKey, certificate.RawData];

        foreach (var key in keys)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/refresh_jwt");
            request.Headers.TryAddWithoutValidation("Authorization", $"JWT {TokenForge.Sign(TokenForge.Hs256Header, TokenForge.Claims(now, now + 300), key)}");
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task Given_pem_certificate_and_key_are_served()
    {
        var expected = Certificates.WritePem(_directory, "rsa", out var certificatePath, out var keyPath);

        using var host = MockServerHost.Start(Options() with { UseHttps = true, CertificatePath = certificatePath, KeyPath = keyPath });
        var (presented, errors) = await Certificates.PresentedAsync(new Uri(host.BaseUrl).Port, "localhost");
        using var http = Certificates.PinnedClient(expected, host.BaseUrl);
        using var response = await http.PostAsync("/v1/users/refresh_jwt", null);

        Assert.Multiple(() =>
        {
            Assert.That(presented.Thumbprint, Is.EqualTo(expected.Thumbprint));
            Assert.That(errors, Is.EqualTo(SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the cluster API answers through it");
        });
    }

    [Test]
    public void Ecdsa_certificate_is_refused_with_one_line_rather_than_a_crash()
    {
        Certificates.WritePem(_directory, "ecdsa", out var certificatePath, out var keyPath);

        var error = Assert.Throws<MockConfigurationException>(() => MockServerHost.Start(Options() with { UseHttps = true, CertificatePath = certificatePath, KeyPath = keyPath }));

        Assert.That(error!.Message, Does.Contain("must be RSA").And.Not.Contain("\n"));
    }

    [Test]
    public async Task Plain_http_on_port_0_takes_a_free_port_each_start()
    {
        using var first = MockServerHost.Start(Options());
        using var second = MockServerHost.Start(Options());
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{first.BaseUrl}/__mock/clock");

        Assert.Multiple(() =>
        {
            Assert.That(first.BaseUrl, Does.Match(@"^http://127\.0\.0\.1:\d+$"));
            Assert.That(new Uri(first.BaseUrl).Port, Is.Not.Zero.And.Not.EqualTo(new Uri(second.BaseUrl).Port));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Given_port_is_the_one_listened_on()
    {
        var port = FreePort();

        using var host = MockServerHost.Start(Options() with { Port = port });
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/__mock/clock");

        Assert.Multiple(() =>
        {
            Assert.That(new Uri(host.BaseUrl).Port, Is.EqualTo(port));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public void Stopped_mock_no_longer_listens()
    {
        var host = MockServerHost.Start(Options());
        var port = new Uri(host.BaseUrl).Port;

        host.Dispose();

        using var client = new TcpClient();
        Assert.That(() => client.Connect(IPAddress.Loopback, port), Throws.InstanceOf<SocketException>());
    }

    private static MockServerOptions Options() => new() { Port = 0, UseHttps = false, SigningKey = MockUnderTest.SigningKey };

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
