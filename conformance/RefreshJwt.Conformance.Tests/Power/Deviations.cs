using System.Text.Json.Nodes;
using static RefreshJwt.Conformance.Tests.Power.Deviation;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// Broken servers, one per way of breaking a documented rule. Together they break every MUST case of the catalogue
/// (<see cref="ProofOfPowerTests.Every_must_case_is_broken_by_some_deviation"/> holds that true as cases are added).
/// </summary>
public static class Deviations
{
    private const string OtherKey = "another-key-entirely-0123456789-0123456789-0123456789-0123456789";

    /// <summary>Tokens a deviation has seen refreshed: the second refresh of one is the race it mishandles.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> RefreshedTokens = new(StringComparer.Ordinal);

    public static readonly Deviation[] All =
    [
        new("authorize answers 201", ["A01"], Response: (q, r, _) => q.IsAuthorize && r.Status == 200 ? r with { Status = 201 } : r),
        new("authorize takes any credentials", ["A02"], Request: (q, u) => q.IsAuthorize && q.BasicUser is { } user
            ? q.WithAuthorization(u.Mock.Users.FindByEmail(user) is { } known ? Basic(user, known.Password!) : Basic("admin@example.com", "Passw0rd!"))
            : q),
        new("authorize issues 600 s tokens by default", ["A03"], Request: (q, _) => q.IsAuthorize && q.Body is null ? q.WithBody("{\"ttl\":600}") : q),
        new("authorize ignores ttl", ["A04", "E01"], Request: (q, _) => q.IsAuthorize ? q.WithBody(null) : q),
        OnIssuedToken("refresh answers 201", ["V01"], (_, r, _) => r with { Status = 201 }),
        OnIssuedToken("refresh labels its body text/plain", ["V02"], (_, r, _) => r with { ContentType = "text/plain" }),
        OnIssuedToken("refresh calls the token \"jwt\"", ["V03"], (_, r, _) => r with { Body = new JsonObject { ["jwt"] = r.AccessToken }.ToJsonString() }),
        OnIssuedToken("refresh returns an opaque string, not a JWT", ["V04"], (_, r, _) => r.WithAccessToken("opaque-" + Guid.NewGuid().ToString("N"))),
        OnIssuedToken("refresh signs with a key it does not accept", ["V05", "V06"], (_, r, _) => r.WithAccessToken(Upstream.Sign(Upstream.Claims(r.AccessToken)!, OtherKey))),
        OnIssuedToken("refresh names another user", ["V07"], (_, r, _) => r.WithAccessToken(Upstream.Sign(With(Upstream.Claims(r.AccessToken)!, "uid", "2")))),
        OnIssuedToken("refresh keeps the presented token's iat", ["V08"], (q, r, _) =>
        {
            var old = Upstream.Claims(q.Token)!;
            var claims = Upstream.Claims(r.AccessToken)!;
            var lifetime = claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>();
            return r.WithAccessToken(Upstream.Sign(With(With(claims, "iat", old["iat"]!.GetValue<long>()), "exp", old["iat"]!.GetValue<long>() + lifetime)));
        }),
        OnRefresh("refresh issues 600 s tokens by default", ["V09"], (q, _) => q.Body is null ? q.WithBody("{\"ttl\":600}") : q),
        OnIssuedToken("refresh echoes the presented token", ["V10", "T01"], (q, r, _) => r.WithAccessToken(q.Token!)),
        OnRefresh("refresh ignores ttl", ["T01", "T02", "T03"], (q, _) => q.WithBody(null)),
        OnRefresh("refresh reads ttl as minutes", ["T01", "T02"], (q, _) => q.Ttl is JsonValue v && v.TryGetValue<int>(out var ttl)
            ? q.WithBody($"{{\"ttl\":{Math.Min(ttl * 60, 86400)}}}")
            : q),
        OnRefresh("refresh's ttl range is off by one", ["T02", "T03"], (q, _) => q.Ttl?.ToJsonString() switch
        {
            "1" => q.WithBody("{\"ttl\":0}"),
            "86400" => q.WithBody("{\"ttl\":86401}"),
            _ => q,
        }),
        OnRefresh("refresh accepts expired tokens", ["E01"], (q, u) => Launder(q, c => IsExpired(c, u) ? With(c, "exp", u.Now + 300) : c)),
        AcceptsForAnHourPastExp,
        new("refresh answers 403 to expired tokens", ["E01"], Answer: (q, u) => q.IsRefresh && Upstream.Claims(q.Token) is { } c && IsExpired(c, u)
            ? new ProxyResponse(403, "application/json", "{\"error_code\":\"forbidden\"}")
            : null),
        OnRefresh("refresh accepts a request without Authorization", ["N01"], (q, u) => q.Authorization is null ? q.WithAuthorization("JWT " + u.FreshToken()) : q),
        OnRefresh("refresh accepts an empty token", ["N03"], (q, u) => q.Authorization?.Trim() == "JWT" ? q.WithAuthorization("JWT " + u.FreshToken()) : q),
        OnRefresh("refresh accepts alg none", ["N04"], (q, _) => q.Token is { } t && t.EndsWith('.') && t.Split('.').Length == 3 && t.Split('.')[2].Length == 0 && IsAlgNone(t) ? Launder(q) : q),
        OnRefresh("refresh skips the signature check", ["N05", "N06", "N07", "N08", "N09", "N10", "N11", "N12", "N15", "N16", "N17", "I02"], (q, _) => Launder(q)),
        new("refresh fails with 500 on claims of the wrong type", ["N23"], Answer: (q, _) =>
            q.IsRefresh && Upstream.Claims(q.Token)?["exp"] is var exp && exp is not null && exp.GetValueKind() != System.Text.Json.JsonValueKind.Number
                ? new ProxyResponse(500, "text/plain", "Internal Server Error")
                : null),
        new("refresh fails with 500 on tokens it cannot parse", ["N29", "N30", "F01"], Answer: (q, _) =>
            q.IsRefresh && q.Token is { } t && (t.Split('.').Length != 3 || Upstream.Claims(t) is null)
                ? new ProxyResponse(500, "text/plain", "Internal Server Error")
                : null),
        new("refresh fails with 500 on a ttl it cannot read", ["T14"], Answer: (q, _) =>
            q.IsRefresh && q.Body is { } body && !body.StartsWith("{\"ttl\":", StringComparison.Ordinal) ? new ProxyResponse(500, "text/plain", "Internal Server Error") : null),
        FailsOnAComma,
        TenDayTokenForNullTtl,
        TtlTimesAThousand,
        new("refresh fails with 500 on oversized tokens", ["N31"], Answer: (q, _) =>
            q.IsRefresh && q.Authorization?.Length > 8192 ? new ProxyResponse(500, "text/plain", "Internal Server Error") : null),
        new("expired passwords stay usable", ["P01"], Answer: (q, _) =>
            q.Method == "PUT" && q.Path.EndsWith("/status", StringComparison.Ordinal) && q.Body?.Contains("password_expired", StringComparison.Ordinal) == true
                ? new ProxyResponse(200, "application/json", "{}")
                : null),
        new("authorize issues tokens for expired passwords", ["P02"], Response: (q, r, u) =>
            q.IsAuthorize && r.Json?["error_code"]?.GetValue<string>() == "password_expired" && u.Mock.Users.FindByEmail(q.BasicUser ?? "") is { } user
                ? ProxyResponse.Token(u.FreshToken(user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                : r),
        new("refresh fails with 500 when one token is refreshed twice at once", ["R01"], Answer: (q, _) =>
            q.IsRefresh && q.Token is { } t && !RefreshedTokens.TryAdd(t, 0) ? new ProxyResponse(500, "text/plain", "Internal Server Error") : null),
        OnIssuedToken("refresh hands a second refresh of one token a token that does not work", ["R01"], (q, r, _) =>
            RefreshedTokens.TryAdd(q.Token!, 0) ? r : r.WithAccessToken(Upstream.Sign(Upstream.Claims(r.AccessToken)!, OtherKey))),
        OnIssuedToken("refresh in a token's last second issues a token already expired", ["R03"], (q, r, u) =>
            Upstream.Claims(q.Token)?["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds) && seconds - u.Now <= 1
                ? r.WithAccessToken(Upstream.Sign(With(With(Upstream.Claims(r.AccessToken)!, "iat", u.Now), "exp", u.Now)))
                : r),
    ];

    /// <summary>A 500 only when the Authorization header holds a comma: seen only by an INFO case (N32), caught by the 5xx invariant.</summary>
    public static Deviation FailsOnAComma => new("refresh fails with 500 on a comma in Authorization", ["N32"], Answer: (q, _) =>
        q.IsRefresh && q.Authorization?.Contains(',', StringComparison.Ordinal) == true ? new ProxyResponse(500, "text/plain", "Internal Server Error") : null);

    /// <summary><c>{"ttl": null}</c> buys a token living ten days: seen by INFO T10 and T14, caught by the lifetime invariant.</summary>
    public static Deviation TenDayTokenForNullTtl => new("refresh gives a ten-day token for ttl null", ["T10", "T14"], Answer: (q, u) =>
        q.IsRefresh && q.Body?.Replace(" ", "") == "{\"ttl\":null}" && Upstream.Claims(q.Token)?["uid"]?.ToString() is { } uid
            ? ProxyResponse.Token(u.FreshToken(uid, lifetime: 10 * 86400))
            : null);

    /// <summary>Every issued token lives 1000 times the ttl (ttl 1 lives 1000 s): no case may wait that out.</summary>
    public static Deviation TtlTimesAThousand => new("tokens live 1000 times the ttl", ["A03", "A04", "V09", "T01", "T02", "T03", "E01"], Response: (q, r, _) =>
        (q.IsRefresh || q.IsAuthorize) && r.Status == 200 && Upstream.Claims(r.AccessToken) is { } claims
            ? r.WithAccessToken(Upstream.Sign(With(claims, "exp", claims["iat"]!.GetValue<long>() + (claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>()) * 1000)))
            : r);

    /// <summary>A token is accepted for an hour past its exp: beyond any --max-leeway.</summary>
    public static Deviation AcceptsForAnHourPastExp => OnRefresh("refresh accepts tokens for an hour past exp", ["E01"], (q, u) =>
        Launder(q, c => IsExpired(c, u) && c["exp"]!.GetValue<long>() + 3600 > u.Now ? With(c, "exp", u.Now + 300) : c));

    /// <summary>Clamps an out-of-range or fractional ttl into 1..86400 instead of refusing it: a silent choice, which passes with SHOULD warnings.</summary>
    public static Deviation ClampsTtl => OnRefresh("refresh clamps ttl into 1..86400", [], (q, _) => q.Ttl is JsonValue v && v.TryGetValue<double>(out var ttl)
        ? q.WithBody($"{{\"ttl\":{Math.Clamp(Math.Round(ttl), 1, 86400)}}}")
        : q);

    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static JsonObject With(JsonObject claims, string name, JsonNode? value)
    {
        var copy = (JsonObject)claims.DeepClone();
        copy[name] = value;
        return copy;
    }

    private static bool IsExpired(JsonObject claims, Upstream upstream) =>
        claims["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds) && seconds <= upstream.Now;

    private static bool IsAlgNone(string token)
    {
        var header = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[0]));
        return header.Contains("\"none\"", StringComparison.OrdinalIgnoreCase);
    }
}
