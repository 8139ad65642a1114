using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CsCheck;

namespace RefreshJwt.Conformance.Tests.Hostile;

/// <summary>
/// Whole answers as bytes on the wire: any status line (or none), headers, framing and body, with the bodies a token
/// endpoint could get wrong (token shapes of every kind, JSON that is no object, lone surrogates, duplicate names,
/// numbers of any size, invalid UTF-8, answers past the cap).
/// </summary>
internal static class AnswerGen
{
    private const string Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e400"),
        Gen.OneOf("1e400", "-1e400", "123456789012345678901234567890123456789", "-0", "0.5", "1E+2", "9223372036854775808"));

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String.AlphaNumeric.Select(s => $"\"{s}\""),
        Gen.OneOf("\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"", "\"\\\\ud800\"", "\"\\u0000\"", "\"é\"", "\"\\\"\""));

    private static readonly Gen<string> Value = Gen.OneOf(Number, Text, Gen.OneOf("null", "true", "[]", "{}", "[1,[2,[3]]]"));

    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.OneOf("alg", "typ", "iat", "exp", "uid", "sub", "access_token", "error_code", "ttl", "\\ud800", "\\udfff", "kid"),
        Gen.String.AlphaNumeric);

    private static readonly Gen<string> Object = Gen.Select(Name, Value).Array[0, 6]
        .Select(members => "{" + string.Join(',', members.Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}");

    private static readonly Gen<string> Claims = Gen.Select(Number, Number, Object, (iat, exp, rest) =>
        $"{{\"iat\":{iat},\"exp\":{exp}{(rest.Length > 2 ? "," + rest[1..^1] : "")}}}");

    private static readonly Gen<string> Header = Gen.Select(Gen.OneOf("\"none\"", "\"NoNe\"", "\"HS256\"", "123", "null", "\"\\ud800\""), Object,
        (alg, rest) => $"{{\"alg\":{alg}{(rest.Length > 2 ? "," + rest[1..^1] : "")}}}");

    private static readonly Gen<string> Segment = Gen.Frequency(
        (4, Gen.Select(Header, h => B64(h))),
        (4, Gen.Select(Claims, c => B64(c))),
        (1, Gen.OneOf("", "!!!", "====", "e30", "W10", "bnVsbA", "_-_-", "a")),
        (1, Gen.String[Gen.Char[Url], 0, 40]),
        (1, Gen.Byte.Array[0, 40].Select(b => Base64Url.EncodeToString(b))));

    /// <summary>Tokens: three segments mostly, some fewer or more, now and then one of 300 KB.</summary>
    public static readonly Gen<string> Token = Gen.Frequency(
        (6, Gen.Select(Gen.Select(Header, B64), Gen.Select(Claims, B64), Gen.OneOf(Gen.Const(""), Gen.String[Gen.Char[Url], 1, 43]),
            (h, c, s) => $"{h}.{c}.{s}")),
        (3, Segment.Array[0, 5].Select(s => string.Join('.', s))),
        (1, Gen.Const($"{B64("{\"alg\":\"HS256\"}")}.{B64($"{{\"iat\":1,\"exp\":2,\"pad\":\"{new string('x', 300_000)}\"}}")}.c2ln")));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (6, Gen.Select(Token, Object, (t, rest) => Utf8($"{{\"access_token\":\"{t}\"{(rest.Length > 2 ? "," + rest[1..^1] : "")}}}"))),
        (1, Gen.Select(Token, t => Utf8($"{{\"access_token\":\"x\",\"access_token\":\"{t}\"}}"))),
        (3, Gen.OneOf(Object, Value).Select(Utf8)),
        (1, Gen.Const(Utf8(new string('[', 200) + new string(']', 200)))),
        (2, Gen.Byte.Array[0, 200]),
        (1, Gen.Const(Array.Empty<byte>())),
        (1, Gen.Int[1, 64].Select(extra => Utf8("{\"access_token\":\"" + new string('a', 1024 * 1024 + extra) + "\"}"))));

    private static readonly Gen<string> Status = Gen.Frequency(
        (6, Gen.OneOf("200 OK", "401 Unauthorized", "400 Bad Request", "500 Oops", "204 No Content", "307 Temporary Redirect", "302 Found")),
        (3, Gen.Int[100, 999].Select(s => $"{s} X")),
        (1, Gen.OneOf("abc", "", "200", "-1 X", "99999999999 X")));

    private static readonly Gen<string> HeaderLine = Gen.OneOf(
        Gen.OneOf("Content-Type: application/json", "Content-Type: application/json; charset=latin1", "Content-Type: text/html",
            "Content-Type: ", "Content-Type: application/json\r\nContent-Type: text/plain", "Location: http://127.0.0.2:9/", "Location: ::bad::",
            "Date: yesterday", "Date: Tue, 01 Dec 2026 00:00:00 GMT", "WWW-Authenticate: JWT", "X-\u00e9: \u00ff", "Content-Encoding: gzip",
            "Set-Cookie: a=b"),
        Gen.String.AlphaNumeric.Select(s => $"X-{s}: {s}"));

    /// <summary>One answer: the bytes to write and a line saying what they are.</summary>
    public static readonly Gen<(byte[] Bytes, string Shape)> Wire = Gen.Select(Status, HeaderLine.Array[0, 4], Body, Gen.Int[0, 5],
        (status, headers, body, framing) =>
        {
            var head = $"HTTP/1.1 {status}\r\n" + string.Concat(headers.Select(h => h + "\r\n"));
            var (frame, payload) = framing switch
            {
                0 or 1 => ($"Content-Length: {body.Length}\r\n", body),
                2 => ("Transfer-Encoding: chunked\r\n", Chunked(body)),
                3 => ($"Content-Length: {body.Length + 10}\r\n", body),
                4 => ($"Content-Length: {Math.Max(0, body.Length - 3)}\r\n", body),
                _ => ("", body),
            };
            var bytes = Encoding.Latin1.GetBytes(head + frame + "Connection: close\r\n\r\n").Concat(payload).ToArray();
            return (bytes, $"{status}; {headers.Length} headers; framing {framing}; {body.Length} body bytes");
        });

    private static byte[] Chunked(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. Encoding.ASCII.GetBytes(body.Length == 0 ? "\r\n" : "\r\n0\r\n\r\n")];

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
