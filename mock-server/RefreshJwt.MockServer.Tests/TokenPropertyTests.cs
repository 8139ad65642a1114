using System.Globalization;
using System.Text.Json;
using CsCheck;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>Properties of CompactJws and TokenService themselves, over tens of thousands of generated inputs each.</summary>
public sealed class TokenPropertyTests
{
    private static readonly MockProfile Profile = new() { Name = "properties" };

    private static readonly UserDirectory Users = UserDirectory.Load(Fixtures.UsersPath(Fixtures.Locate()));

    private static readonly MockUser Admin = Users.Find(1)!;

    private static readonly Gen<string> JsonObject =
        Gen.Dictionary(Gen.String.AlphaNumeric, Gen.OneOf(
            Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.String.AlphaNumeric.Select(s => JsonSerializer.Serialize(s)),
            Gen.OneOf("null", "true", "[1,\"a\"]", "{\"n\":{}}")))[0, 8]
        .Select(d => "{" + string.Join(',', d.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}")) + "}");

    [Test]
    public void Compact_jws_never_throws_and_parses_only_three_strict_segments() =>
        Deterministic.ForAll(Gen.OneOf(Gen.String, Generators.MalformedToken(Issue(86400, 1_800_000_000), 1_800_000_000)), seed: 1, count: 50_000, token =>
        {
            var jws = CompactJws.TryParse(token, out var problem);
            if (jws is null)
            {
                return problem.Length > 0 ? null : "refused without saying why";
            }

            var segments = token.Split('.');
            return segments.Length == 3 && token.All(c => c == '.' || Generators.Base64Url.Contains(c))
                && jws.Header.GetRawText() == TokenForge.Read(token).Header.GetRawText()
                && jws.Payload.GetRawText() == TokenForge.Read(token).Claims.GetRawText()
                ? null
                : "parsed a token that is not three base64url segments of the JSON it holds";
        });

    [Test]
    public void Compact_jws_reads_back_any_json_objects_exactly() =>
        Deterministic.ForAll(Gen.Select(JsonObject, JsonObject, Gen.Byte.Array[0, 80]), seed: 2, count: 20_000, t =>
        {
            var (header, payload, signature) = t;
            var jws = CompactJws.TryParse($"{TokenForge.Encode(header)}.{TokenForge.Encode(payload)}.{TokenForge.Encode(signature)}", out var problem);
            return jws is not null && jws.Header.GetRawText() == header && jws.Payload.GetRawText() == payload
                && jws.SignatureLength == TokenForge.Encode(signature).Length
                ? null
                : $"read back wrong or refused: {problem}";
        });

    [Test]
    public void Compact_jws_refuses_any_character_outside_base64url() =>
        Deterministic.ForAll(Gen.Select(Gen.Int[0, 150], Gen.Char["=+/ *\t\"{}%é\u0000\u00ff~!"]), seed: 3, count: 20_000, t =>
        {
            var valid = Issue(300, 1_800_000_000);
            var token = valid.Insert(Math.Min(t.Item1, valid.Length), t.Item2.ToString());
            return CompactJws.TryParse(token, out _) is null ? null : $"accepted {token}";
        });

    [Test]
    public void Issued_tokens_verify_independently_and_live_exactly_their_ttl() =>
        Deterministic.ForAll(Gen.Select(Gen.Int[1, 86400], Gen.Long[978_307_200, 4_102_444_800]), seed: 4, count: 10_000, t =>
        {
            var (ttl, now) = t;
            var (service, _) = Service(now);
            var token = service.Issue(Admin, ttl);
            var check = service.CheckAsync(token, exchanging: true).GetAwaiter().GetResult();
            var claims = TokenForge.Read(token).Claims;
            return TokenForge.HasValidSignature(token, MockUnderTest.Key) && check.IsValid && check.LifetimeSeconds == ttl
                && check.ExpiresAt == now + ttl && claims.GetProperty("iat").GetInt64() == now && claims.GetProperty("uid").GetString() == "1"
                ? null
                : $"token {token} checked as {check}";
        });

    [Test]
    public void Token_is_valid_exactly_until_exp_plus_leeway() =>
        Deterministic.ForAll(Gen.Select(Gen.Int[1, 86400], Gen.Int[0, 300], Gen.Int[0, 87000]), seed: 5, count: 10_000, t =>
        {
            var (ttl, leeway, elapsed) = t;
            var (service, clock) = Service(1_800_000_000, Profile with { LeewaySeconds = leeway });
            var token = service.Issue(Admin, ttl);
            clock.Advance(TimeSpan.FromSeconds(elapsed));
            var valid = service.CheckAsync(token, exchanging: true).GetAwaiter().GetResult().IsValid;
            return valid == (elapsed < ttl + leeway) ? null : $"valid={valid} {elapsed} s after issue";
        });

    [Test]
    public void Any_one_character_change_to_an_issued_token_is_refused() =>
        Deterministic.ForAll(Generators.Mutation(Issue(86400, 1_800_000_000)), seed: 6, count: 20_000, token =>
        {
            var check = Service(1_800_000_000).Service.CheckAsync(token, exchanging: true).GetAwaiter().GetResult();
            return check.IsValid ? "accepted" : null;
        });

    [Test]
    public void Token_signed_with_any_other_key_is_refused_as_a_bad_signature() =>
        Deterministic.ForAll(Gen.Byte.Array[0, 128].Where(k => !k.SequenceEqual(MockUnderTest.Key)), seed: 7, count: 5_000, key =>
        {
            var token = TokenForge.Sign(TokenForge.Hs256Header, TokenForge.Claims(1_800_000_000, 1_800_000_300), key);
            var check = Service(1_800_000_000).Service.CheckAsync(token, exchanging: true).GetAwaiter().GetResult();
            return check.Refusal?.Kind == RefusalKind.BadSignature ? null : $"checked as {check}";
        });

    [Test]
    public void Token_summary_never_shows_a_whole_token() =>
        Deterministic.ForAll(Gen.OneOf(Gen.String[10, 300], Generators.Mutation(Issue(60, 1_800_000_000)), Gen.Int[1, 86400].Select(ttl => Issue(ttl, 1_800_000_000))), seed: 8, count: 20_000, token =>
        {
            var summary = TokenSummary.Describe(token);
            var shown = JsonSerializer.Serialize(summary) + summary.Brief();
            return shown.Contains(token, StringComparison.Ordinal) ? $"summary {shown} shows the token" : null;
        });

    private static (TokenService Service, MockClock Clock) Service(long now, MockProfile? profile = null)
    {
        var clock = new MockClock(frozenAt: DateTimeOffset.FromUnixTimeSeconds(now));
        return (new TokenService(MockUnderTest.Key, profile ?? Profile, clock, Users), clock);
    }

    private static string Issue(int ttl, long now) => Service(now).Service.Issue(Admin, ttl);
}
