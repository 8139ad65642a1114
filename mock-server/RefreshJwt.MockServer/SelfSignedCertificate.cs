using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RefreshJwt.MockServer;

/// <summary>The HTTPS certificate: made at start for localhost and the bind address, or read from PEM files.</summary>
internal static class SelfSignedCertificate
{
    public static X509Certificate2 Create(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=RefreshJwt mock cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var address) && !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any))
        {
            names.AddIpAddress(address);
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Dns && host != "localhost")
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));

        // Kestrel needs the private key in a form it can hand to the TLS stack: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

            // WireMock.Net logs its settings through Json.NET, which throws reading an ECDSA certificate's PrivateKey.
            using var rsa = pem.GetRSAPrivateKey();
            return rsa is null
                ? throw new MockConfigurationException($"cannot use --cert {certificatePath} --key {keyPath}: the key must be RSA (WireMock.Net cannot serve ECDSA)")
                : X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new MockConfigurationException($"cannot use --cert {certificatePath} --key {keyPath}: {e.Message.Split('\n')[0].Trim()}");
        }
    }
}
