using System.Globalization;
using System.Text;
using CsCheck;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>CsCheck generators for tokens and Authorization headers that no correct server may accept.</summary>
internal static class Generators
{
    public const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Characters a token is made of, plus the ones a sloppy decoder lets through.</summary>
    private static readonly Gen<char> TokenChar = Gen.Frequency(
        (20, Gen.Char[Base64Url]),
        (3, Gen.Char[".=+/"]),
        (1, Gen.Char[" *%\"{}:,\\\t"]));

    private static readonly Gen<string> Segment = Gen.String[Gen.Char[Base64Url], 0, 60];

    private static readonly Gen<string> Alg = Gen.OneOf("none", "None", "NONE", "nOnE", "HS256", "HS384", "HS512", "RS256", "ES256", "hs256", "", "HS256\u0000");

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999"),
        Gen.String.AlphaNumeric.Select(s => $"\"{s}\""),
        Gen.OneOf("null", "true", "false", "[]", "{}", "\"1\"", "1", "[\"1\"]"));

    private static readonly Gen<string> JsonObject =
        Gen.Select(Gen.OneOf("alg", "typ", "kid", "crit", "exp", "nbf", "iat", "uid", "jku", "x", "exp"), JsonValue)
            .Array[0, 6]
            .Select(members => "{" + string.Join(',', members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}");

    /// <summary>
    /// Refused tokens of every shape: noise, one-character mutations of a valid token, forged structures, wrong segment
    /// counts, and tokens signed with the cluster's own key whose claims forbid them.
    /// </summary>
    public static Gen<string> MalformedToken(string valid, long now) => Gen.Frequency(
        (2, Gen.String[TokenChar, 0, 300]),
        (3, Mutation(valid)),
        (2, Forged),
        (1, Segment.Array[1, 7].Where(s => s.Length != 3).Select(s => string.Join('.', s))),
        (2, SignedButForbidden(now)));

    /// <summary>Authorization header values: printable ASCII and Latin-1 noise behind a plausible or odd scheme.</summary>
    public static Gen<string> AuthorizationHeader(string valid) => Gen.Select(
        Gen.OneOf("", "JWT ", "jwt ", "JWT  ", "Bearer ", "Basic ", "Token ", "JWT\t", "Digest "),
        Gen.Frequency(
            (4, Gen.String[Gen.Char[' ', '~'], 0, 200]),
            (1, Gen.String[Gen.Char['\u00a0', '\u00ff'], 1, 20]),
            (2, Mutation(valid)),
            (1, Gen.String.AlphaNumeric.Select(s => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{s}:{s}"))))),
        (scheme, rest) => scheme + rest);

    /// <summary>The token with one character replaced, deleted, inserted or two swapped; never the token itself.</summary>
    public static Gen<string> Mutation(string token) =>
        Gen.Select(Gen.Int[0, token.Length - 1], Gen.Int[0, 3], TokenChar, (at, kind, c) => kind switch
        {
            0 => token[..at] + c + token[(at + 1)..],
            1 => token.Remove(at, 1),
            2 => token.Insert(at, c.ToString()),
            _ => at + 1 < token.Length ? token[..at] + token[at + 1] + token[at] + token[(at + 2)..] : token + c,
        }).Where(t => t != token);

    private static readonly Gen<string> Forged =
        Gen.Select(Alg, JsonObject, JsonObject, Gen.Byte.Array[0, 64], (alg, extra, payload, key) =>
        {
            var header = $"{{\"alg\":\"{alg}\"{(extra.Length > 2 ? "," + extra[1..^1] : "")}}}";
            return TokenForge.Sign(header, payload, key.Length == 0 ? "forger"u8.ToArray() : key);
        });

    /// <summary>Right key, right structure, but expired, not yet valid, for nobody, or with claims of the wrong type.</summary>
    private static Gen<string> SignedButForbidden(long now) => Gen.OneOf(
        Gen.Long[now - 2_000_000_000, now].Select(exp => TokenForge.Sign(TokenForge.Hs256Header, TokenForge.Claims(exp - 300, exp))),
        Gen.Long[now + 1, now + 1_000_000].Select(nbf => TokenForge.Sign(TokenForge.Hs256Header, $$"""{"nbf":{{nbf}},"exp":{{nbf + 300}},"uid":"1"}""")),
        Gen.Int[3, int.MaxValue].Select(uid => TokenForge.Valid(now, uid.ToString(CultureInfo.InvariantCulture))),
        JsonValue.Where(v => !double.TryParse(v, CultureInfo.InvariantCulture, out _)).Select(exp => TokenForge.Sign(TokenForge.Hs256Header, $$"""{"exp":{{exp}},"uid":"1"}""")));
}
