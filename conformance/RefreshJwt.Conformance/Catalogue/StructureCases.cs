using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// N28–N31: tokens that are not well-formed compact JWS at all (RFC 7519 §7.2). Such a token is an invalid token
/// (refresh_jwt: 401) and an invalid header (the API index: 400): either refusal is faithful.
/// </summary>
[Order(8)]
public sealed class StructureCases : ConformanceCases
{
    [Test]
    [Case("N28", Level.Should, "Lenient base64url is refused (401, or 400 for an invalid header): padding, the +/ alphabet, an illegal character", Sources.Rfc7519Structure, Basis.Practice)]
    public async Task Loose_base64url_is_refused()
    {
        var token = await TokenAsync();
        var standardAlphabet = token.PayloadSegment.Replace('-', '+').Replace('_', '/') + "+/";
        Expect.All(
            await NotWellFormedAsync("refresh with = padding on every segment", $"JWT {token.HeaderSegment}==.{token.PayloadSegment}==.{token.SignatureSegment}="),
            await NotWellFormedAsync("refresh with the standard base64 alphabet", $"JWT {token.HeaderSegment}.{standardAlphabet}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with an illegal character", $"JWT {token.HeaderSegment}.{token.PayloadSegment}*.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N29", Level.Must, "Segments that are not JSON objects (text, array, string, invalid UTF-8): 401, or 400 for an invalid header", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Structure, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Non_json_segments_are_refused()
    {
        var token = await TokenAsync();
        var header = token.HeaderSegment;
        Expect.All(
            await NotWellFormedAsync("refresh with a text header", $"JWT {TokenForge.Encode("not json")}.{token.PayloadSegment}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with an array payload", $"JWT {header}.{TokenForge.Encode("[1,2,3]")}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with a string payload", $"JWT {header}.{TokenForge.Encode("\"uid\"")}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with invalid UTF-8 in the payload", $"JWT {header}.{System.Buffers.Text.Base64Url.EncodeToString([0x7b, 0xff, 0xfe, 0x7d])}.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N30", Level.Must, "Wrong segment counts (1, 4, 5), stray dots, an empty header: 401, or 400 for an invalid header", Sources.RefreshJwt401 + "; " + Sources.Rfc7519Structure, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Wrong_segment_counts_are_refused()
    {
        var token = await TokenAsync();
        Expect.All(
            await NotWellFormedAsync("refresh with one segment", $"JWT {token.HeaderSegment}"),
            await NotWellFormedAsync("refresh with four segments", $"JWT {token.Raw}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with five segments (JWE-shaped)", $"JWT {token.HeaderSegment}.{token.PayloadSegment}.{token.SignatureSegment}.{token.PayloadSegment}.{token.SignatureSegment}"),
            await NotWellFormedAsync("refresh with a leading dot", $"JWT .{token.Raw}"),
            await NotWellFormedAsync("refresh with a trailing dot", $"JWT {token.Raw}."),
            await NotWellFormedAsync("refresh with an empty header segment", $"JWT .{token.PayloadSegment}.{token.SignatureSegment}"));
    }

    [Test]
    [Case("N31", Level.Must, "Oversized tokens (16 KB, 64 KB) get no token and no 5xx; the status is recorded", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid])]
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
    [Case("F01", Level.Must, "Generated malformed tokens (seeded mutations of a valid one): 401, or 400 for an invalid header, for every one", Sources.RefreshJwt401, Basis.Documented, Quotes = [DocQuotes.TokenInvalid, DocQuotes.InvalidHeader])]
    public async Task Generated_malformed_tokens_are_refused()
    {
        var token = await TokenAsync();
        var problems = new List<string?>();
        var malformed = MalformedTokens.Generate(token, Target.Settings.Seed, count: 24);
        Observe("seed", Target.Settings.Seed);
        foreach (var (recipe, value) in malformed)
        {
            problems.Add(await NotWellFormedAsync($"refresh with a generated token: {recipe}", $"JWT {value}"));
        }

        Expect.All(problems);
    }

    /// <summary>Presents a token that is not well-formed: refused with 401 (an invalid token) or 400 (an invalid header).</summary>
    private Task<string?> NotWellFormedAsync(string label, string authorization) => RefusedAsync(label, authorization, Contract.NotWellFormed);
}
