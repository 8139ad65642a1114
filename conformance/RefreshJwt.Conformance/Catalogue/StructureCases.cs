using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>N28–N31: tokens that are not well-formed compact JWS at all (RFC 7519 §7.2).</summary>
[Order(8)]
public sealed class StructureCases : ConformanceCases
{
    [Test]
    [Case("N28", Level.Should, "Lenient base64url is refused: padding, the +/ alphabet, an illegal character", Sources.Rfc7519Structure)]
    public async Task Loose_base64url_is_refused()
    {
        var token = await TokenAsync();
        var standardAlphabet = token.PayloadSegment.Replace('-', '+').Replace('_', '/') + "+/";
        Expect.All(
            await RefusedAsync("refresh with = padding on every segment", $"JWT {token.HeaderSegment}==.{token.PayloadSegment}==.{token.SignatureSegment}="),
            await RefusedAsync("refresh with the standard base64 alphabet", $"JWT {token.HeaderSegment}.{standardAlphabet}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with an illegal character", $"JWT {token.HeaderSegment}.{token.PayloadSegment}*.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N29", Level.Must, "Segments that are not JSON objects (text, array, string, invalid UTF-8): 401", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Structure)]
    public async Task Non_json_segments_are_refused()
    {
        var token = await TokenAsync();
        var header = token.HeaderSegment;
        Expect.All(
            await RefusedAsync("refresh with a text header", $"JWT {TokenForge.Encode("not json")}.{token.PayloadSegment}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with an array payload", $"JWT {header}.{TokenForge.Encode("[1,2,3]")}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with a string payload", $"JWT {header}.{TokenForge.Encode("\"uid\"")}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with invalid UTF-8 in the payload", $"JWT {header}.{System.Buffers.Text.Base64Url.EncodeToString([0x7b, 0xff, 0xfe, 0x7d])}.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N30", Level.Must, "Wrong segment counts (1, 4, 5), stray dots, an empty header: 401", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Structure)]
    public async Task Wrong_segment_counts_are_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await RefusedAsync("refresh with one segment", $"JWT {token.HeaderSegment}"),
            await RefusedAsync("refresh with four segments", $"JWT {token.Raw}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with five segments (JWE-shaped)", $"JWT {token.HeaderSegment}.{token.PayloadSegment}.{token.SignatureSegment}.{token.PayloadSegment}.{token.SignatureSegment}"),
            await RefusedAsync("refresh with a leading dot", $"JWT .{token.Raw}"),
            await RefusedAsync("refresh with a trailing dot", $"JWT {token.Raw}."),
            await RefusedAsync("refresh with an empty header segment", $"JWT .{token.PayloadSegment}.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N31", Level.Must, "Oversized tokens (16 KB, 64 KB) get no token and no 5xx; the status is recorded", Sources.RefreshJwt401)]
    public async Task Oversized_tokens_are_refused()
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        foreach (var size in new[] { 16 * 1024, 64 * 1024 })
        {
            var label = $"refresh with a {size / 1024} KB token";
            var padded = TokenForge.TamperedClaims(token, claims => claims["padding"] = new string('x', size));
            var reply = await Api.RefreshAsync(label, $"JWT {padded}");
            var closed = reply.Kind == RefreshJwt.Conformance.Target.ReplyKind.Dropped;
            Observe($"{size / 1024} KB", closed ? "connection closed" : reply.Answered ? reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : reply.Outcome);

            // A server may close the connection on a request header it will not read: a refusal without an answer.
            problems.Add(closed ? null : Expect.NoToken(reply, label) ?? Expect.NoServerError(reply, label));
        }

        Expect.All(problems);
    }

    [Test]
    [Case("F01", Level.Must, "Generated malformed tokens (seeded mutations of a valid one): 401 for every one", Sources.RefreshJwt401)]
    public async Task Generated_malformed_tokens_are_refused()
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        var malformed = MalformedTokens.Generate(token, Target.Settings.Seed, count: 24);
        Observe("seed", Target.Settings.Seed);
        foreach (var (recipe, value) in malformed)
        {
            problems.Add(await RefusedAsync($"refresh with a generated token: {recipe}", $"JWT {value}"));
        }

        Expect.All(problems);
    }
}
