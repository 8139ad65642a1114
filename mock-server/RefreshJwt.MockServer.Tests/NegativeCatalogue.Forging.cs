using System.Security.Cryptography;
using System.Text;
using RefreshJwt.MockServer.Tests.Support;
using static RefreshJwt.MockServer.Tests.Support.TokenForge;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The catalogue's raw material: values to try and the small forging helpers its rows are written with.</summary>
internal static partial class NegativeCatalogue
{
    private static readonly string[] NoneCasings = ["none", "None", "NONE", "nOnE"];

    private static readonly string[] CommonSecrets = ["secret", "password", "your-256-bit-secret", "changeme", "jwt", "key", "123456", "redis"];

    private static readonly (string Kid, byte[] Guess)[] KidInjections =
    [
        ("", []),
        ("../../../../../../dev/null", []),
        ("/dev/null", []),
        ("/invalid_path", []),
        ("|sleep 10", "sleep"u8.ToArray()),
        ("x' UNION SELECT '1';--", "1"u8.ToArray()),
    ];

    private static readonly string[] BadTimes = ["\"1800000000\"", "null", "true", "[]", "{}", "1e300", "-1e300"];

    private static readonly string[] BadUids = ["[1]", "{}", "null", "true", "1.5", "\"abc\"", "\"-1\"", "\"\"", "\" 1\"", "\"1e0\""];

    private const string RsaPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsgjlcL2JW8vWY0qZWzvl
        wvLR9IHIBztX2/nPbcFpKYlBBaRlDQTIBbG8N3L/vsxTvTwV8j65kleTmI/lNaEL
        IOELnnp6+fH3X37lQB0rKzbz5HQ9EJWV7X/ogOGElq7UB1EDSOCyNyC/o7DGQJBF
        Kwej5pJHH/O83NtJKEoNjLOhc2XRa+Bum8k+3Hebh0HfrRR+Zl9MkRBbrJGkOcx5
        CEd9JWUeWz/a41mztVqcjM72VtGJ7RvgsWeiBz86DnfWCpZmpyazUpCbOs1W8zMn
        RMuQII6Zl11TlcgmGQoyRGi2W2s8Rp4/vTytZKGJRsRUta1p4NtF3txK3Slg/gx0
        fQIDAQAB
        -----END PUBLIC KEY-----
        """;

    private static readonly byte[] AttackerKey = Bytes("attacker", 32);

    private static NegativeCase Case(string id, string name, RefusalKind refusal, Func<NegativeContext, string?> authorization, string errorCode = "unauthorized") =>
        new(id, name, refusal, authorization, errorCode);

    private static string Jwt(string token) => $"JWT {token}";

    private static string Fresh(NegativeContext c) => Claims(c.Now, c.Now + 300);

    /// <summary>A token over these JSON texts, signed with the mock's key unless another is given.</summary>
    private static string Signed(string header, string claims, byte[]? key = null, string alg = "HS256") => Jwt(Sign(header, claims, key, alg));

    /// <summary>A token over these segments exactly as given, signed with the mock's key.</summary>
    private static string Segments(string header, string payload) => Jwt(SignSegments(header, payload));

    /// <summary>The mock's own token with one segment changed and the rest, signature included, kept.</summary>
    private static string Issued(NegativeContext c, int segment, Func<string, string> change) => Jwt(WithSegment(c.Issued, segment, change));

    /// <summary>The same bytes in another spelling: the last character's unused low bit set.</summary>
    private static string NonCanonical(string segment) => segment[..^1] + Generators.Base64Url[Generators.Base64Url.IndexOf(segment[^1]) ^ 1];

    private static string Flip(string segment, int at) => segment[..at] + (segment[at] == 'A' ? 'B' : 'A') + segment[(at + 1)..];

    /// <summary>Fixed bytes that look random, so every run forges the same tokens.</summary>
    private static byte[] Bytes(string label, int count) =>
        [.. Enumerable.Range(0, (count / 64) + 1).SelectMany(i => SHA512.HashData(Encoding.UTF8.GetBytes($"{label}/{i}"))).Take(count)];

    /// <summary>The claims in standard base64, shifted by leading spaces until a <c>+</c> or <c>/</c> shows.</summary>
    private static string StandardBase64(string claims)
    {
        for (var pad = ""; ; pad += " ")
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{{pad}}{{claims[..^1]}},"x":"???>>>"}""")).TrimEnd('=');
            if (encoded.IndexOfAny(['+', '/']) >= 0)
            {
                return encoded;
            }
        }
    }
}
