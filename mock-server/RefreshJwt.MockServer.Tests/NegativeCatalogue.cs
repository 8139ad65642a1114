using System.Text;
using RefreshJwt.MockServer.Tests.Support;
using static RefreshJwt.MockServer.RefusalKind;
using static RefreshJwt.MockServer.Tests.Support.TokenForge;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// Every case of the JWT negative-case catalogue (N01–N34, listed in README "Case catalogue") that one request with one Authorization header can carry. Cases
/// signed with the mock's own key are the strong ones: only the rule under test can refuse them.
/// N20, N22, N25 (iss/aud) and N23's float exp are accepted by design and pinned in TokenValidationTests; N31's huge
/// headers, N32, N33 and N34 live in their own tests.
/// </summary>
internal static partial class NegativeCatalogue
{
    public static IEnumerable<NegativeCase> All()
    {
        yield return Case("N01", "no Authorization header", MissingAuthorization, _ => null);

        yield return Case("N02", "lower-case scheme jwt", WrongScheme, c => $"jwt {c.Issued}");
        yield return Case("N02", "no space after the scheme", WrongScheme, c => $"JWT{c.Issued}");
        yield return Case("N02", "tab after the scheme", WrongScheme, c => $"JWT\t{c.Issued}");
        yield return Case("N02", "scheme Token", WrongScheme, c => $"Token {c.Issued}");
        yield return Case("N02", "scheme Basic", WrongScheme, c => $"Basic {c.Issued}");
        yield return Case("N02", "token without a scheme", WrongScheme, c => c.Issued);
        yield return Case("N02", "scheme only", EmptyToken, _ => "JWT");

        yield return Case("N03", "empty token", EmptyToken, _ => "JWT ");
        yield return Case("N03", "whitespace-only token", EmptyToken, _ => "JWT      ");

        foreach (var none in NoneCasings)
        {
            yield return Case("N04", $"alg {none} with an empty signature", Unsigned, c => Jwt($"{Encode($$"""{"alg":"{{none}}","typ":"JWT"}""")}.{Encode(Fresh(c))}."));
            yield return Case("N04", $"alg {none} with a valid HS256 signature", Unsigned, c => Signed($$"""{"alg":"{{none}}"}""", Fresh(c)));
        }

        yield return Case("N05", "null signature", Unsigned, c => Issued(c, 2, _ => ""));
        yield return Case("N06", "signature stripped", Malformed, c => Jwt(c.Issued[..c.Issued.LastIndexOf('.')]));

        yield return Case("N07", "signature one character short", BadSignature, c => Jwt(c.Issued[..^1]));
        yield return Case("N07", "signature four characters short", BadSignature, c => Jwt(c.Issued[..^4]));
        yield return Case("N07", "signature byte flipped", BadSignature, c => Issued(c, 2, s => Flip(s, 10)));
        yield return Case("N07", "signature in a non-canonical encoding", BadSignature, c => Issued(c, 2, NonCanonical));
        yield return Case("N07", "signature of one character", Malformed, c => Issued(c, 2, _ => "A"));
        yield return Case("N07", "signature doubled", BadSignature, c => Issued(c, 2, s => s + s));

        yield return Case("N08", "payload exp extended", BadSignature, c => Issued(c, 1, _ => Encode(Claims(c.Now, c.Now + 86400))));
        yield return Case("N08", "payload uid changed", BadSignature, c => Issued(c, 1, _ => Encode(Claims(c.Now, c.Now + 300, "2"))));
        yield return Case("N08", "payload role added", BadSignature, c => Issued(c, 1, p => Encode(Encoding.UTF8.GetString(Decode(p))[..^1] + ""","role":"admin"}""")));

        yield return Case("N09", "header typ changed", BadSignature, c => Issued(c, 0, _ => Encode("""{"alg":"HS256","typ":"JOSE"}""")));
        yield return Case("N09", "header kid added", BadSignature, c => Issued(c, 0, _ => Encode("""{"alg":"HS256","typ":"JWT","kid":"1"}""")));

        yield return Case("N10", "signed with an attacker's key", BadSignature, c => Signed(Hs256Header, Fresh(c), Bytes("attacker", 64)));
        yield return Case("N11", "signed with an empty secret", BadSignature, c => Signed(Hs256Header, Fresh(c), []));
        foreach (var secret in CommonSecrets)
        {
            yield return Case("N12", $"signed with the common secret {secret}", BadSignature, c => Signed(Hs256Header, Fresh(c), Encoding.UTF8.GetBytes(secret)));
        }

        yield return Case("N13", "HS256 keyed with an RSA public key", BadSignature, c => Signed(Hs256Header, Fresh(c), Encoding.ASCII.GetBytes(RsaPublicKey)));
        yield return Case("N13", "RS256 with an RSA-sized signature", AlgorithmNotAllowed, c => Jwt($"{Encode("""{"alg":"RS256","typ":"JWT"}""")}.{Encode(Fresh(c))}.{Encode(Bytes("rsa", 256))}"));

        foreach (var alg in new[] { "HS384", "HS512" })
        {
            yield return Case("N14", $"{alg} with the cluster key", AlgorithmNotAllowed, c => Signed($$"""{"alg":"{{alg}}"}""", Fresh(c), alg: alg));
        }

        foreach (var alg in new[] { "hs256", "ES256", "PS256", "EdDSA", "HS256 ", "" })
        {
            yield return Case("N14", $"alg \"{alg}\"", AlgorithmNotAllowed, c => Signed($$"""{"alg":"{{alg}}"}""", Fresh(c)));
        }

        yield return Case("N14", "alg missing", Malformed, c => Signed("""{"typ":"JWT"}""", Fresh(c)));
        yield return Case("N14", "alg a number", Malformed, c => Signed("""{"alg":256}""", Fresh(c)));

        yield return Case("N15", "embedded jwk with the attacker's key", BadSignature, c => Signed($$$"""{"alg":"HS256","jwk":{"kty":"oct","k":"{{{Encode(AttackerKey)}}}"}}""", Fresh(c), AttackerKey));
        yield return Case("N16", "jku at an attacker's URL", BadSignature, c => Signed("""{"alg":"HS256","jku":"http://127.0.0.1:9/jwks.json"}""", Fresh(c), AttackerKey));
        yield return Case("N16", "x5u at an attacker's URL", BadSignature, c => Signed("""{"alg":"HS256","x5u":"http://127.0.0.1:9/cert.pem"}""", Fresh(c), AttackerKey));
        foreach (var (kid, guess) in KidInjections)
        {
            yield return Case("N17", $"kid \"{kid}\"", BadSignature, c => Signed($$"""{"alg":"HS256","kid":{{System.Text.Json.JsonSerializer.Serialize(kid)}}}""", Fresh(c), guess));
        }

        yield return Case("N18", "crit names an unknown extension", CriticalHeader, c => Signed("""{"alg":"HS256","crit":["exp-v2"],"exp-v2":1}""", Fresh(c)));
        yield return Case("N18", "crit is empty", CriticalHeader, c => Signed("""{"alg":"HS256","crit":[]}""", Fresh(c)));

        yield return Case("N19", "expired a day ago", Expired, c => Signed(Hs256Header, Claims(c.Now - 86700, c.Now - 86400)));
        yield return Case("N20", "exp exactly now", Expired, c => Signed(Hs256Header, Claims(c.Now - 300, c.Now)));
        yield return Case("N21", "nbf in the future", NotYetValid, c => Signed(Hs256Header, $$"""{"nbf":{{c.Now + 60}},"exp":{{c.Now + 300}},"uid":"1"}"""));
        yield return Case("N22", "exp missing", InvalidClaims, c => Signed(Hs256Header, $$"""{"iat":{{c.Now}},"uid":"1"}"""));

        foreach (var time in BadTimes)
        {
            yield return Case("N23", $"exp {time}", InvalidClaims, c => Signed(Hs256Header, $$"""{"exp":{{time}},"uid":"1"}"""));
            yield return Case("N23", $"nbf {time}", InvalidClaims, c => Signed(Hs256Header, $$"""{"nbf":{{time}},"exp":{{c.Now + 300}},"uid":"1"}"""));
            yield return Case("N23", $"iat {time}", InvalidClaims, c => Signed(Hs256Header, $$"""{"iat":{{time}},"exp":{{c.Now + 300}},"uid":"1"}"""));
        }

        foreach (var uid in BadUids)
        {
            yield return Case("N23", $"uid {uid}", InvalidClaims, c => Signed(Hs256Header, $$"""{"exp":{{c.Now + 300}},"uid":{{uid}}}"""));
        }

        foreach (var registered in new[] { "\"iss\":5", "\"sub\":[1]", "\"aud\":{}", "\"jti\":true" })
        {
            yield return Case("N23", $"registered claim {registered}", InvalidClaims, c => Signed(Hs256Header, $$"""{"exp":{{c.Now + 300}},"uid":"1",{{registered}}}"""));
        }

        yield return Case("N23", "uid missing", InvalidClaims, c => Signed(Hs256Header, $$"""{"exp":{{c.Now + 300}}}"""));
        yield return Case("N23", "exp far before year 1", Expired, c => Signed(Hs256Header, """{"exp":-70000000000,"uid":"1"}"""));

        yield return Case("N24", "exp twice", Malformed, c => Signed(Hs256Header, $$"""{"exp":{{c.Now - 1}},"exp":{{c.Now + 300}},"uid":"1"}"""));
        yield return Case("N24", "uid twice", Malformed, c => Signed(Hs256Header, $$"""{"exp":{{c.Now + 300}},"uid":"2","uid":"1"}"""));
        yield return Case("N24", "alg twice", Malformed, c => Signed("""{"alg":"none","alg":"HS256"}""", Fresh(c)));

        yield return Case("N25", "token of another cluster", BadSignature, c => Signed(Hs256Header, Fresh(c), Bytes("another cluster", 64)));
        yield return Case("N26", "user's password has expired", PasswordExpired, c => Jwt(Valid(c.Now, TestUsers.ExpiredUid)), "password_expired");
        yield return Case("N27", "user does not exist", UnknownUser, c => Jwt(Valid(c.Now, "99")));
        yield return Case("N27", "uid 0", UnknownUser, c => Jwt(Valid(c.Now, "0")));

        yield return Case("N28", "header with = padding", Malformed, c => Segments(Encode("""{"alg":"HS256"}""") + "=", Encode(Fresh(c))));
        yield return Case("N28", "payload with = padding", Malformed, c => Segments(Encode(Hs256Header), Encode(Fresh(c) + " ") + "=="));
        yield return Case("N28", "payload in the +/ alphabet", Malformed, c => Segments(Encode(Hs256Header), StandardBase64(Fresh(c))));
        yield return Case("N28", "illegal character", Malformed, c => Segments(Encode(Hs256Header), "*" + Encode(Fresh(c))));
        yield return Case("N28", "space inside a segment", Malformed, c => Issued(c, 1, p => p[..5] + " " + p[5..]));
        yield return Case("N28", "tab inside a segment", Malformed, c => Issued(c, 0, p => p[..5] + "\t" + p[5..]));

        yield return Case("N29", "payload not JSON", Malformed, _ => Signed(Hs256Header, "uid=1; exp=never"));
        yield return Case("N29", "payload a JSON array", Malformed, c => Signed(Hs256Header, $"[{Fresh(c)}]"));
        yield return Case("N29", "payload a JSON string", Malformed, _ => Signed(Hs256Header, "\"uid\""));
        yield return Case("N29", "header a JSON array", Malformed, c => Signed("""["HS256"]""", Fresh(c)));
        yield return Case("N29", "payload invalid UTF-8", Malformed, c => Segments(Encode(Hs256Header), Encode([.. Encoding.UTF8.GetBytes(Fresh(c)[..^1]), .. ",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8])));
        yield return Case("N29", "payload with a byte order mark", Malformed, c => Segments(Encode(Hs256Header), Encode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Fresh(c))])));
        yield return Case("N29", "payload in UTF-16", Malformed, c => Segments(Encode(Hs256Header), Encode(Encoding.Unicode.GetBytes(Fresh(c)))));
        yield return Case("N29", "payload nested too deep", Malformed, c => Signed(Hs256Header, Fresh(c)[..^1] + ",\"x\":" + new string('[', 64) + new string(']', 64) + "}"));

        yield return Case("N30", "one segment", Malformed, c => Jwt(c.Issued.Split('.')[1]));
        yield return Case("N30", "four segments", Malformed, c => Jwt(c.Issued + "." + c.Issued.Split('.')[2]));
        yield return Case("N30", "five segments, JWE-shaped", Malformed, c => Jwt(string.Join('.', Encode("""{"alg":"dir","enc":"A128GCM"}"""), "", Encode(Bytes("iv", 12)), Encode(Bytes("ciphertext", 40)), Encode(Bytes("tag", 16)))));
        yield return Case("N30", "leading dot", Malformed, c => Jwt("." + c.Issued));
        yield return Case("N30", "trailing dot", Malformed, c => Jwt(c.Issued + "."));
        yield return Case("N30", "empty header segment", Malformed, c => Issued(c, 0, _ => ""));
        yield return Case("N30", "only dots", Malformed, _ => Jwt(".."));

        yield return Case("N31", "8 KB of token characters", Malformed, _ => Jwt(new string('a', 8192)));
        yield return Case("N31", "8 KB of dots", Malformed, _ => Jwt(new string('.', 8192)));
    }

    // Any public key will do: the mock has none, so HMAC keyed with one must fail like any other wrong key.
}
