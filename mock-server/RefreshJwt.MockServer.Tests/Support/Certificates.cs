using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>Certificates for the HTTPS tests: what a server presents, and PEM files made on the spot.</summary>
internal static class Certificates
{
    /// <summary>The certificate the server at <paramref name="port"/> presents for <paramref name="name"/>, and how the platform judged it.</summary>
    public static async Task<(X509Certificate2 Certificate, SslPolicyErrors Errors)> PresentedAsync(int port, string name)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        X509Certificate2? presented = null;
        var errors = SslPolicyErrors.None;
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, policyErrors) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            errors = policyErrors;
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = name });
        return (presented!, errors);
    }

    /// <summary>An HttpClient that trusts exactly <paramref name="pinned"/> and nothing else.</summary>
    public static HttpClient PinnedClient(X509Certificate2 pinned, string baseUrl) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.RawData.SequenceEqual(pinned.RawData) == true })
        {
            BaseAddress = new Uri(baseUrl),
        };

    /// <summary>A self-signed certificate for localhost and 127.0.0.1 written as PEM certificate and PKCS#8 key files.</summary>
    public static X509Certificate2 WritePem(string directory, string keyType, out string certificatePath, out string keyPath)
    {
        using AsymmetricAlgorithm key = keyType == "ecdsa" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is ECDsa ec
            ? new CertificateRequest("CN=refresh-jwt pem test", ec, HashAlgorithmName.SHA256)
            : new CertificateRequest("CN=refresh-jwt pem test", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        certificatePath = Path.Combine(directory, "cert.pem");
        keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}
