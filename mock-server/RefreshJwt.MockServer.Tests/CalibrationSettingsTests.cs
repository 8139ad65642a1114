using System.Net;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;
using static RefreshJwt.MockServer.Tests.Support.TokenForge;

namespace RefreshJwt.MockServer.Tests;

/// <summary>The profile settings a calibration from a real cluster writes: each one changes what the mock does.</summary>
public sealed class CalibrationSettingsTests
{
    private static readonly Dictionary<string, RefusalShape> PerReason = new()
    {
        [RefusalReasons.Expired] = new RefusalShape { Status = 403, Fields = ["error_code", "detail"], ErrorCode = "token_expired" },
        [RefusalReasons.BadSignature] = new RefusalShape { ErrorCode = "invalid_signature" },
        [RefusalReasons.NoHeader] = new RefusalShape { Body = RefusalBody.Empty },
        [RefusalReasons.Malformed] = new RefusalShape { Body = RefusalBody.Text, ContentType = "text/html" },
        [RefusalReasons.WrongPassword] = new RefusalShape { Fields = ["error_code", "description"], ErrorCode = "unauthorized_user" },
        [RefusalReasons.NotFound] = new RefusalShape { Fields = ["code"], ErrorCode = "x" },
        [RefusalReasons.WrongMethod] = new RefusalShape { Status = 404 },
        [RefusalReasons.BadTtl] = new RefusalShape { ErrorCode = "bad_ttl" },
    };

    [Test]
    public async Task Each_refusal_reason_answers_with_the_shape_the_profile_gives_it()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { Refusals = PerReason });
        var token = await mock.TokenAsync(ttl: 60);

        using var badSignature = await mock.RefreshAsync("JWT " + WithSegment(token, 2, s => s[..^2] + (s[^2] == 'A' ? "BB" : "AA")));
        using var noHeader = await mock.RefreshAsync(null);
        using var malformed = await mock.RefreshAsync("JWT a.b");
        using var badTtl = await mock.RefreshAsync("JWT " + token, "{\"ttl\":0}");
        using var wrongPassword = await mock.AuthorizeAsync(TestUsers.Admin with { Password = "wrong" });
        using var notFound = await mock.SendAsync(HttpMethod.Get, "/v1/nowhere");
        using var wrongMethod = await mock.SendAsync(HttpMethod.Get, "/v1/users/refresh_jwt");
        await mock.AdvanceAsync(61);
        using var expired = await mock.RefreshAsync("JWT " + token);

        Assert.Multiple(async () =>
        {
            Assert.That(await Shape(expired), Is.EqualTo("403 application/json error_code,detail token_expired"));
            Assert.That(await Shape(badSignature), Is.EqualTo("401 application/json error_code,message invalid_signature"));
            Assert.That(await Shape(noHeader), Is.EqualTo("401 - (empty) -"));
            Assert.That(await Shape(malformed), Is.EqualTo("401 text/html (text) -"));
            Assert.That(await Shape(badTtl), Is.EqualTo("400 application/json error_code,message bad_ttl"));
            Assert.That(await Shape(wrongPassword), Is.EqualTo("401 application/json error_code,description unauthorized_user"));
            Assert.That(await Shape(notFound), Is.EqualTo("404 application/json code -"));
            Assert.That(await Shape(wrongMethod), Is.EqualTo("404 application/json error_code,message method_not_allowed"));
        });
    }

    [Test]
    public async Task A_reason_the_profile_does_not_name_keeps_its_default()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { Refusals = PerReason, PasswordExpiredStatus = 403 });

        using var unsigned = await mock.RefreshAsync("JWT " + Encode("""{"alg":"none"}""") + "." + Encode(Claims(mock.Now, mock.Now + 60)) + ".");
        using var expiredPassword = await mock.AuthorizeAsync(TestUsers.Expired);

        Assert.That(await Shape(unsigned), Is.EqualTo("401 application/json error_code,message unauthorized"));
        Assert.That(await Shape(expiredPassword), Is.EqualTo("403 application/json error_code,message password_expired"));
    }

    [TestCase("86401", 86400)]
    [TestCase("2147483648", 86400)]
    [TestCase("0", 1)]
    [TestCase("-1", 1)]
    public async Task Ttl_out_of_range_may_be_clamped(string ttl, int lifetime)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { TtlOutOfRange = TtlOutOfRange.Clamp });
        var token = await mock.TokenAsync();

        using var refreshed = await mock.RefreshAsync("JWT " + token, $"{{\"ttl\":{ttl}}}");
        using var authorized = await mock.AuthorizeAsync(TestUsers.Admin, ttl);

        Assert.That(await Lifetime(refreshed), Is.EqualTo(lifetime));
        Assert.That(await Lifetime(authorized), Is.EqualTo(lifetime));
    }

    [TestCase("1.5")]
    [TestCase("\"60\"")]
    public async Task Clamping_still_refuses_a_ttl_that_is_no_integer(string ttl)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { TtlOutOfRange = TtlOutOfRange.Clamp });

        using var refreshed = await mock.RefreshAsync("JWT " + await mock.TokenAsync(), $"{{\"ttl\":{ttl}}}");

        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("{\"ttl\":\"60\"}", 60)]
    [TestCase("{\"ttl\":null}", 300)]
    [TestCase("ttl=60", 300)]
    [TestCase("[60]", 300)]
    public async Task Odd_ttl_bodies_may_be_read_leniently(string body, int lifetime)
    {
        using var strict = MockUnderTest.Start();
        using var lenient = MockUnderTest.Start(adjust: p => p with { TtlText = TtlText.Coerce, TtlNull = TtlNull.Default, UnreadableBody = UnreadableBody.Ignore });

        using var refused = await strict.RefreshAsync("JWT " + await strict.TokenAsync(), body);
        using var read = await lenient.RefreshAsync("JWT " + await lenient.TokenAsync(), body);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await Lifetime(read), Is.EqualTo(lifetime));
    }

    [TestCase("{\"ttl\":\"0\"}")]
    [TestCase("{\"ttl\":\"sixty\"}")]
    public async Task A_coerced_ttl_must_still_be_in_range(string body)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { TtlText = TtlText.Coerce });

        using var refused = await mock.RefreshAsync("JWT " + await mock.TokenAsync(), body);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase(PerTokenValue.Uuid, JsonValueKind.String, 36)]
    [TestCase(PerTokenValue.Hex, JsonValueKind.String, 32)]
    [TestCase(PerTokenValue.Text, JsonValueKind.String, 22)]
    [TestCase(PerTokenValue.Integer, JsonValueKind.Number, 0)]
    public async Task Per_token_claims_get_a_fresh_value_in_every_token(PerTokenValue kind, JsonValueKind type, int length)
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { PerTokenClaims = new Dictionary<string, PerTokenValue> { ["n"] = kind } });

        var first = Read(await mock.TokenAsync()).Claims.GetProperty("n");
        var second = Read(await mock.TokenAsync()).Claims.GetProperty("n");

        Assert.That(first.ValueKind, Is.EqualTo(type));
        Assert.That(first.GetRawText(), Is.Not.EqualTo(second.GetRawText()));
        if (length > 0)
        {
            Assert.That(first.GetString(), Has.Length.EqualTo(length));
        }
    }

    [Test]
    public async Task Constant_claims_uid_type_and_header_fields_shape_every_issued_token()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with
        {
            ExtraClaims = new Dictionary<string, JsonElement> { ["role"] = JsonSerializer.SerializeToElement("admin") },
            UidClaimType = UidClaimType.Number,
            TokenHeader = new Dictionary<string, JsonElement> { ["kid"] = JsonSerializer.SerializeToElement("k1"), ["typ"] = JsonSerializer.SerializeToElement("at+jwt") },
        });
        var token = await mock.TokenAsync();

        using var refreshed = await mock.RefreshAsync("JWT " + token);
        var (header, claims) = Read(await AccessToken(refreshed));

        Assert.That(header.GetRawText(), Does.Contain("\"kid\":\"k1\"").And.Contain("\"typ\":\"at+jwt\"").And.Contain("\"alg\":\"HS256\""));
        Assert.That(claims.GetProperty("uid").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(claims.GetProperty("role").GetString(), Is.EqualTo("admin"));
    }

    [Test]
    public async Task Revocation_with_per_token_claims_given_adds_no_jti_of_its_own()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { RevokeOnRefresh = true, PerTokenClaims = new Dictionary<string, PerTokenValue>() });
        var token = await mock.TokenAsync();

        using var first = await mock.RefreshAsync("JWT " + token);
        using var again = await mock.RefreshAsync("JWT " + token);

        Assert.That(Read(await AccessToken(first)).Claims.TryGetProperty("jti", out _), Is.False);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task User_fields_shape_the_user_object()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { UserFields = ["uid", "email", "password_issue_date"] });

        using var user = await mock.GetUserAsync(TestUsers.AdminUid, "JWT " + await mock.TokenAsync());
        using var json = JsonDocument.Parse(await user.Content.ReadAsStringAsync());

        Assert.That(json.RootElement.GetRawText(), Is.EqualTo("""{"uid":1,"email":"admin@example.com","password_issue_date":null}"""));
    }

    [Test]
    public async Task Clock_offset_moves_the_issued_times()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { ClockOffsetSeconds = 600 });

        var claims = Read(await mock.TokenAsync()).Claims;

        Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(MockUnderTest.FrozenAt.ToUnixTimeSeconds() + 600));
        Assert.That(mock.Host.Clock.StartOffset, Is.EqualTo(TimeSpan.FromSeconds(600)), "a clock reset goes back to the profile's offset");
    }

    [Test]
    public void An_observed_profile_with_provenance_and_not_observed_settings_loads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"observed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "name": "observed",
              "provenance": { "target": "cluster.example:9443", "observed": "2026-11-30T03:00:00Z", "clusterVersion": "7.8.2-34", "suiteVersion": "1.0.0" },
              "notObserved": ["leewaySeconds", "refusals.notFound"],
              "ttlOutOfRange": "clamp",
              "perTokenClaims": { "jti": "uuid" },
              "uidClaimType": "number",
              "tokenHeader": { "kid": "a" },
              "clockOffsetSeconds": -5,
              "refusals": { "expired": { "status": 401, "contentType": "application/json", "fields": ["error_code", "description"], "errorCode": "expired" } }
            }
            """);
        try
        {
            var profile = MockProfile.Load(path);

            Assert.That(profile.Provenance!.ClusterVersion, Is.EqualTo("7.8.2-34"));
            Assert.That(profile.Refusal(RefusalReasons.Expired).ErrorCode, Is.EqualTo("expired"));
            Assert.That(profile.Refusal(RefusalReasons.NotFound).Status, Is.EqualTo(404));
            Assert.That(profile.LeewaySeconds, Is.Zero);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> Shape(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType ?? "-";
        if (text.Length == 0)
        {
            return $"{(int)response.StatusCode} {type} (empty) -";
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var code = json.RootElement.TryGetProperty("error_code", out var c) ? c.GetString() : "-";
            return $"{(int)response.StatusCode} {type} {string.Join(',', json.RootElement.EnumerateObject().Select(p => p.Name))} {code}";
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode} {type} (text) -";
        }
    }

    private static async Task<string> AccessToken(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<long> Lifetime(HttpResponseMessage response)
    {
        var claims = Read(await AccessToken(response)).Claims;
        return claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
    }
}
