using System.Text;
using System.Text.Json.Nodes;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>N04–N17: forged tokens built from a genuine one (jwt_tool's attacks). Only the target's own key may sign.</summary>
[Order(6)]
public sealed class SignatureCases : ConformanceCases
{
    [Test]
    [Case("N04", Level.Must, "alg \"none\" in any casing (none, None, NONE, nOnE) with an empty signature: 401", Sources.RefreshJwt401 + "; " + Sources.Rfc7518None, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Unsigned_tokens_are_refused()
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        foreach (var alg in new[] { "none", "None", "NONE", "nOnE" })
        {
            problems.Add(await RefusedAsync($"refresh with alg \"{alg}\"", $"JWT {TokenForge.Unsigned(token, alg)}"));
        }

        Expect.All(problems);
    }

    [Test]
    [Case("N05", Level.Must, "The genuine header and claims with an empty signature: 401", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Null_signature_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(await RefusedAsync("refresh with an empty signature", $"JWT {TokenForge.NullSignature(token)}"));
    }

    [Test]
    [Case("N06", Level.Must, "The signature stripped (two segments): 401, or 400 for an invalid header", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Structure, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Stripped_signature_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(await RefusedAsync("refresh with the signature stripped", $"JWT {TokenForge.Stripped(token)}", Contract.NotWellFormed));
    }

    [Test]
    [Case("N07", Level.Must, "A broken signature (one character changed: 401; cut in half, no longer base64url: 401, or 400 for an invalid header)", Sources.RefreshJwt401 + "; " + Sources.InvalidHeader, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Broken_signature_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh with one signature character changed", $"JWT {TokenForge.FlippedSignature(token)}"),
            await RefusedAsync("refresh with the signature cut in half", $"JWT {TokenForge.TruncatedSignature(token)}", Contract.NotWellFormed));
    }

    [Test]
    [Case("N08", Level.Must, "Claims tampered under the genuine signature (exp a day later, another uid): 401", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Tampered_claims_are_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh with exp moved a day later", $"JWT {TokenForge.TamperedClaims(token, c => c["exp"] = (token.ExpiresAt ?? 0) + 86400)}"),
            await RefusedAsync("refresh with another uid", $"JWT {TokenForge.TamperedClaims(token, c => c["uid"] = "999")}"));
    }

    [Test]
    [Case("N09", Level.Must, "Header tampered under the genuine signature (a kid added, typ changed): 401", Sources.RefreshJwt401 + "; " + Sources.Rfc8725Algorithms, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Tampered_header_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh with a kid added", $"JWT {TokenForge.TamperedHeader(token, h => h["kid"] = "1")}"),
            await RefusedAsync("refresh with typ changed", $"JWT {TokenForge.TamperedHeader(token, h => h["typ"] = "at+jwt")}"));
    }

    [Test]
    [Case("N10", Level.Must, "The genuine claims signed with another key: 401", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Foreign_key_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(await RefusedAsync("refresh signed with an attacker's key", $"JWT {TokenForge.Resign(token, TokenForge.AttackerKey)}"));
    }

    [Test]
    [Case("N11", Level.Must, "The genuine claims signed with an empty HMAC secret: 401", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Empty_secret_is_refused()
    {
        var token = await TokenAsync();
        Expect.All(await RefusedAsync("refresh signed with an empty secret", $"JWT {TokenForge.Resign(token, [])}"));
    }

    [Test]
    [Case("N12", Level.Should, "The genuine claims signed with common secrets (jwt_tool's list): 401 for each", Sources.Rfc8725Keys, Basis.Practice)]
    public async Task Common_secrets_are_refused()
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        foreach (var secret in TokenForge.CommonSecrets)
        {
            problems.Add(await RefusedAsync($"refresh signed with the secret #{Array.IndexOf(TokenForge.CommonSecrets, secret) + 1} of the list", $"JWT {TokenForge.Resign(token, Encoding.UTF8.GetBytes(secret))}"));
        }

        Expect.All(problems);
    }

    [Test]
    [Case("N15", Level.Must, "RS256 signed by the attacker's key, embedded as a jwk header: 401", Sources.RefreshJwt401 + "; " + Sources.Rfc8725Algorithms, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Embedded_jwk_is_refused()
    {
        var token = await TokenAsync();
        var forged = TokenForge.SignRsa(token, (header, key) => header["jwk"] = TokenForge.Jwk(key));
        Expect.All(await RefusedAsync("refresh with an embedded jwk", $"JWT {forged}"));
    }

    [Test]
    [Case("N16", Level.Must, "RS256 signed by the attacker, keys at a jku / x5u URL: 401", Sources.RefreshJwt401 + "; " + Sources.Rfc8725Urls, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Remote_key_urls_are_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh with a jku header", $"JWT {TokenForge.SignRsa(token, (h, _) => h["jku"] = "https://attacker.invalid/jwks.json")}"),
            await RefusedAsync("refresh with an x5u header", $"JWT {TokenForge.SignRsa(token, (h, _) => h["x5u"] = "https://attacker.invalid/cert.pem")}"));
    }

    [Test]
    [Case("N17", Level.Must, "kid injection (path traversal, /dev/null, SQL) with matching guessed keys: 401", Sources.RefreshJwt401 + "; " + Sources.Rfc8725Urls, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
    public async Task Kid_injection_is_refused()
    {
        var token = await TokenAsync();
        (string Kid, string Key)[] attempts = [("../../../../../../dev/null", ""), ("/dev/null", ""), ("x' UNION SELECT 'key';--", "key")];
        var problems = new List<string?>();
        foreach (var (kid, key) in attempts)
        {
            var forged = TokenForge.Resign(token, Encoding.UTF8.GetBytes(key), header => header["kid"] = kid);
            problems.Add(await RefusedAsync($"refresh with kid {JsonValue.Create(kid).ToJsonString()}", $"JWT {forged}"));
        }

        Expect.All(problems);
    }
}
