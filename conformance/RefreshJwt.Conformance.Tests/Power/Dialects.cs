using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// Faithful servers that choose differently where the docs are silent, each choice made by the proxy in front of the
/// faithful mock (rs-7.8 behind it), not by the mock's own code: what the calibration must observe and reproduce.
/// The proxy names a refusal's reason from the upstream's journal, then answers it in its own dialect.
/// </summary>
public static class Dialects
{
    /// <summary>
    /// Error bodies with <c>description</c> and a code per reason, a text body for malformed tokens, Bearer and any
    /// casing of the scheme accepted, ttl out of range clamped into 1..86400.
    /// </summary>
    public static Deviation Described() => new(
        "description bodies, codes per reason, Bearer, clamped ttl",
        [],
        Request: (q, _) => ClampTtl(AnyCaseAndBearer(q)),
        Response: (q, r, u) => r.Status < 400 ? r : LastRefusal(u) switch
        {
            RefusalKind.Malformed => new ProxyResponse(r.Status, "text/plain", "malformed token"),
            var kind => Rename(r, "message", "description", kind switch
            {
                RefusalKind.Expired => "token_expired",
                RefusalKind.BadSignature or RefusalKind.AlgorithmNotAllowed or RefusalKind.CriticalHeader => "invalid_signature",
                RefusalKind.Unsigned => "unsigned_token",
                RefusalKind.MissingAuthorization => "missing_token",
                RefusalKind.WrongScheme => "bad_scheme",
                RefusalKind.WrongCredentials => "invalid_credentials",
                _ => null,
            }),
        });

    /// <summary>
    /// 401s without a body, 422 for a bad ttl, a refreshed token revoked, tokens carrying a constant <c>role</c>, a fresh
    /// <c>jti</c> and a <c>kid</c> header, a refresh without ttl keeping the presented token's lifetime.
    /// </summary>
    public static Deviation Terse()
    {
        var used = new ConcurrentDictionary<string, bool>();
        var claimers = new System.Runtime.CompilerServices.ConditionalWeakTable<ProxyRequest, string>();
        return new Deviation(
            "empty 401s, 422 for ttl, revocation, jti and role claims, kid, kept lifetime",
            [],
            Request: (q, _) => q.IsRefresh && q.Body is null && Claims(q.Token) is { } c && Seconds(c["exp"]) is { } exp && Seconds(c["iat"]) is { } iat
                ? q.WithBody($"{{\"ttl\":{Math.Clamp(exp - iat, 1, 86400)}}}")
                : q,

            // A token is claimed before it is forwarded, so of simultaneous refreshes only one gets through; the claim
            // is released when the refresh fails for another reason.
            Answer: (q, _) =>
            {
                if (!q.IsRefresh || q.Token is not { } token)
                {
                    return null;
                }

                if (!used.TryAdd(token, true))
                {
                    return new ProxyResponse(401, null, "");
                }

                claimers.Add(q, token);
                return null;
            },
            Response: (q, r, _) =>
            {
                if (r.Status != 200 && claimers.TryGetValue(q, out var claimed))
                {
                    used.TryRemove(claimed, out bool _);
                }

                return r switch
                {
                    { Status: 401 } => new ProxyResponse(401, null, ""),
                    { Status: 200 } when q.Method == "GET" && r.Json is { } user => r with { Body = With(user, "password_issue_date", "2026-01-01T00:00:00Z").ToJsonString() },
                    { Status: 400 } when r.Json?["error_code"]?.GetValue<string>() == "invalid_ttl" =>
                        new ProxyResponse(422, "application/json", new JsonObject { ["error_code"] = "ttl_out_of_range", ["message"] = "ttl must be 1..86400" }.ToJsonString()),
                    { Status: 200, AccessToken: { } access } when Claims(access) is { } claims => r.WithAccessToken(Upstream.Sign(
                        With(With(claims, "role", "admin"), "jti", Guid.NewGuid().ToString()), header: "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"proof-key-1\"}")),
                    _ => r,
                };
            });
    }

    /// <summary>
    /// Leeway of 30 s on exp, 403 for an expired password on authorize, body credentials accepted besides Basic, a ttl
    /// of "60" read as 60, a ttl of null and a body that is no JSON object read as no ttl, a refresh body read whatever
    /// its Content-Type says.
    /// </summary>
    public static Deviation Lenient() => new(
        "30 s leeway, 403 for an expired password, body credentials too, lenient ttl",
        [],
        Request: (q, u) => LenientTtl(AnyContentType(BodyToBasic(q.IsRefresh && Seconds(Claims(q.Token)?["exp"]) is { } at && at <= u.Now && u.Now < at + 30
            ? Deviation.Launder(q, c => With(c, "exp", u.Now + 1))
            : q))),
        Response: (q, r, _) => q.IsAuthorize && r.Json?["error_code"]?.GetValue<string>() == "password_expired" ? r with { Status = 403 } : r);

    /// <summary>A refresh body passed on as JSON whatever it was labelled: the faithful mock behind reads only application/json.</summary>
    private static ProxyRequest AnyContentType(ProxyRequest q) => q.IsRefresh && q.Body is not null
        ? q with { Headers = new Dictionary<string, string>(q.Headers, StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" } }
        : q;

    private static RefusalKind? LastRefusal(Upstream upstream) => upstream.Mock.Journal.Read().Entries.LastOrDefault()?.Refusal?.Kind;

    private static ProxyResponse Rename(ProxyResponse response, string from, string to, string? code)
    {
        if (response.Json is not { } json || !json.ContainsKey(from))
        {
            return response;
        }

        var renamed = new JsonObject { ["error_code"] = code ?? json["error_code"]?.GetValue<string>(), [to] = json[from]?.GetValue<string>() };
        return response with { Body = renamed.ToJsonString() };
    }

    private static ProxyRequest AnyCaseAndBearer(ProxyRequest q)
    {
        var space = q.Authorization?.IndexOf(' ') ?? -1;
        return space > 0 && q.Authorization![..space] is var scheme && (scheme.Equals("jwt", StringComparison.OrdinalIgnoreCase) || scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
            ? q.WithAuthorization("JWT" + q.Authorization[space..])
            : q;
    }

    private static ProxyRequest ClampTtl(ProxyRequest q)
    {
        if (!(q.IsRefresh || q.IsAuthorize) || q.Body is null)
        {
            return q;
        }

        try
        {
            return q.Ttl is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<double>(out var ttl) && double.IsFinite(ttl) && ttl == Math.Floor(ttl)
                && (ttl < 1 || ttl > 86400) && JsonNode.Parse(q.Body) is JsonObject body
                ? q.WithBody(With(body, "ttl", (long)Math.Clamp(ttl, 1, 86400)).ToJsonString())
                : q;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return q;
        }
    }

    private static ProxyRequest LenientTtl(ProxyRequest q)
    {
        if (!q.IsRefresh || q.Body is null)
        {
            return q;
        }

        try
        {
            if (JsonNode.Parse(q.Body) is not JsonObject body || body.Count < 0)
            {
                return q.WithBody(null);
            }

            return body["ttl"] switch
            {
                null when body.ContainsKey("ttl") => q.WithBody(null),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String && int.TryParse(v.GetValue<string>(), out var ttl) => q.WithBody($"{{\"ttl\":{ttl}}}"),
                _ => q,
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return q.WithBody(null);
        }
    }

    private static ProxyRequest BodyToBasic(ProxyRequest q)
    {
        if (!q.IsAuthorize || q.Authorization is not null || q.Body is null)
        {
            return q;
        }

        try
        {
            if (JsonNode.Parse(q.Body) is JsonObject body && body["username"] is JsonValue user && body["password"] is JsonValue password)
            {
                body.Remove("username");
                body.Remove("password");
                var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.GetValue<string>()}:{password.GetValue<string>()}"));
                return q.WithAuthorization(basic).WithBody(body.Count == 0 ? null : body.ToJsonString());
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
        }

        return q;
    }

    /// <summary>A token's claims, or null for anything the proxy cannot read (a claim given twice, say): it then forwards as it is.</summary>
    private static JsonObject? Claims(string? token)
    {
        try
        {
            // JsonObject reads its members when first asked: a claim given twice throws there, so ask here.
            var claims = Upstream.Claims(token);
            return claims?.Count >= 0 ? claims : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long? Seconds(JsonNode? claim) => claim is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<long>(out var s) ? s : null;

    private static JsonObject With(JsonObject claims, string name, JsonNode? value)
    {
        var copy = (JsonObject)claims.DeepClone();
        copy[name] = value;
        return copy;
    }
}
