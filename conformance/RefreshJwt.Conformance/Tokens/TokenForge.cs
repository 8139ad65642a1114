using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RefreshJwt.Conformance.Tokens;

/// <summary>
/// Crafts the forged and malformed tokens of the negative catalogue (N04–N30) from a genuine one, the way
/// jwt_tool does: the suite's own code, so a server is never judged by the mock's token logic.
/// </summary>
public static class TokenForge
{
    /// <summary>An HMAC secret that is not the target's: the attacker's key of N10.</summary>
    public static readonly byte[] AttackerKey = Encoding.UTF8.GetBytes("attacker-controlled-secret-0123456789abcdef");

    /// <summary>Common HMAC secrets from jwt_tool's playbook and the jwt-common list (N12).</summary>
    public static readonly string[] CommonSecrets =
        ["secret", "password", "changeme", "redis", "redislabs", "admin", "jwt", "key", "123456", "your-256-bit-secret", "secretkey", "test", "default", "cluster", "rladmin"];

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Encode(JsonNode node) => Encode(node.ToJsonString());

    public static JsonObject HeaderOf(DecodedToken token) => (JsonObject)Node(token.Header)!;

    public static JsonObject ClaimsOf(DecodedToken token) => (JsonObject)Node(token.Claims)!;

    /// <summary>N04: the genuine claims under <c>alg</c> = <paramref name="alg"/> ("none" in some casing), empty signature.</summary>
    public static string Unsigned(DecodedToken token, string alg) =>
        $"{Encode(new JsonObject { ["alg"] = alg, ["typ"] = "JWT" })}.{token.PayloadSegment}.";

    /// <summary>N05: header and payload kept, the signature segment emptied.</summary>
    public static string NullSignature(DecodedToken token) => $"{token.HeaderSegment}.{token.PayloadSegment}.";

    /// <summary>N06: the signature and its dot stripped.</summary>
    public static string Stripped(DecodedToken token) => $"{token.HeaderSegment}.{token.PayloadSegment}";

    /// <summary>
    /// N07: one character in the middle of the signature changed (never the last, whose spare bits may not count); an
    /// empty signature (an unsigned token, which the run's invariants fail) gets one character.
    /// </summary>
    public static string FlippedSignature(DecodedToken token)
    {
        if (token.SignatureSegment.Length == 0)
        {
            return $"{token.HeaderSegment}.{token.PayloadSegment}.A";
        }

        var signature = token.SignatureSegment.ToCharArray();
        var middle = signature.Length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        return $"{token.HeaderSegment}.{token.PayloadSegment}.{new string(signature)}";
    }

    /// <summary>N07: the signature cut short.</summary>
    public static string TruncatedSignature(DecodedToken token) =>
        $"{token.HeaderSegment}.{token.PayloadSegment}.{token.SignatureSegment[..(token.SignatureSegment.Length / 2)]}";

    /// <summary>N08: claims changed, the original header and signature kept.</summary>
    public static string TamperedClaims(DecodedToken token, Action<JsonObject> change)
    {
        var claims = ClaimsOf(token);
        change(claims);
        return $"{token.HeaderSegment}.{Encode(claims)}.{token.SignatureSegment}";
    }

    /// <summary>N09: header changed, the original claims and signature kept.</summary>
    public static string TamperedHeader(DecodedToken token, Action<JsonObject> change)
    {
        var header = HeaderOf(token);
        change(header);
        return $"{Encode(header)}.{token.PayloadSegment}.{token.SignatureSegment}";
    }

    /// <summary>An HMAC-signed token with any header and claims and any key (N10, N11, N12, N17).</summary>
    public static string SignHmac(JsonObject header, JsonObject claims, byte[] key) => SignHmac(header, claims.ToJsonString(), key);

    /// <summary>As above with the claims as raw JSON text, which may say things a JsonObject cannot (a name twice).</summary>
    public static string SignHmac(JsonObject header, string claimsJson, byte[] key)
    {
        var signingInput = $"{Encode(header)}.{Encode(claimsJson)}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var mac = header["alg"]?.GetValue<string>() switch
        {
            "HS384" => HMACSHA384.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => HMACSHA256.HashData(key, data),
        };
        return $"{signingInput}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>The genuine claims re-signed with <paramref name="key"/> under the genuine header's algorithm.</summary>
    public static string Resign(DecodedToken token, byte[] key, Action<JsonObject>? changeHeader = null, Action<JsonObject>? changeClaims = null)
    {
        var header = new JsonObject { ["alg"] = token.Algorithm is "HS384" or "HS512" ? token.Algorithm : "HS256", ["typ"] = "JWT" };
        var claims = ClaimsOf(token);
        changeHeader?.Invoke(header);
        changeClaims?.Invoke(claims);
        return SignHmac(header, claims, key);
    }

    /// <summary>N15 and N16: RS256 signed with the attacker's RSA key, which the header embeds or points to.</summary>
    public static string SignRsa(DecodedToken token, Action<JsonObject, RSAParameters> describeKey)
    {
        using var rsa = RSA.Create(2048);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        describeKey(header, rsa.ExportParameters(false));
        var signingInput = $"{Encode(header)}.{token.PayloadSegment}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// A target's JSON as a node to change: a name sent twice keeps its last value (as most parsers read it), and
    /// numbers keep their text, whatever their size.
    /// </summary>
    private static JsonNode? Node(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => Object(element.EnumerateObject().Select(p => (p.Name, Node(p.Value)))),
        System.Text.Json.JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(Node)]),
        System.Text.Json.JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    private static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> members)
    {
        var result = new JsonObject();
        foreach (var (name, value) in members)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>The public part of an RSA key as a JWK (RFC 7517).</summary>
    public static JsonObject Jwk(RSAParameters key) => new()
    {
        ["kty"] = "RSA",
        ["e"] = Base64Url.EncodeToString(key.Exponent),
        ["n"] = Base64Url.EncodeToString(key.Modulus),
    };
}
