using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// The cluster REST API endpoints the mock serves: <c>POST /v1/users/authorize</c>, <c>POST /v1/users/refresh_jwt</c>
/// and <c>GET /v1/users/{uid}</c>, plus RS-style 404 and 405 answers for everything else under them.
/// </summary>
internal sealed class ClusterApi(MockProfile profile, UserDirectory users, TokenService tokens)
{
    // The authorize page and the jwt_authorize object (docs/contract.md#ttl): "ttl ... integer (range: 1-86400) (default: 300)".
    public const int DefaultTtl = 300;
    public const int MinTtl = 1;
    public const int MaxTtl = 86400;

    /// <summary>The schemes of the IANA HTTP Authentication Scheme Registry, and those JWT APIs use: the only scheme words a refusal names.</summary>
    private static readonly string[] KnownSchemes =
        ["Basic", "Bearer", "Digest", "DPoP", "GNAP", "HOBA", "Mutual", "Negotiate", "NTLM", "OAuth", "PrivateToken", "SCRAM-SHA-1", "SCRAM-SHA-256", "vapid", "JWT", "Token"];

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    public ApiOutcome Authorize(ApiRequest request)
    {
        if (!TryReadBody(request, out var body, out var bodyProblem))
        {
            return new ApiOutcome(Refuse(RefusalReasons.BadBody, bodyProblem));
        }

        var credentials = ReadCredentials(request, body);
        var user = credentials is null ? null : users.FindByEmail(credentials.Value.Username);
        if (credentials is null || user is null || !user.PasswordMatches(credentials.Value.Password))
        {
            // A username is shown only when it names a user: what else fills that field may be a password, sent swapped.
            var detail = credentials is null ? $"no credentials in the {string.Join(" or ", profile.AuthorizeCredentials).ToLowerInvariant()} of the request"
                : user is null ? $"unknown user, {TokenSummary.Shape(credentials.Value.Username)}"
                : $"wrong password for \"{user.Email}\"";
            return new ApiOutcome(Refuse(RefusalReasons.WrongPassword), user?.Email, new Refusal(RefusalKind.WrongCredentials, detail));
        }

        var refused = RefuseByStatus(user);
        if (refused is not null)
        {
            return refused with { User = user.Email };
        }

        if (!TryReadTtl(body, out var ttl, out var ttlProblem))
        {
            return new ApiOutcome(Refuse(RefusalReasons.BadTtl, ttlProblem), user.Email);
        }

        var token = tokens.Issue(user, ttl ?? DefaultTtl);
        return new ApiOutcome(ApiResponse.Json(200, new { access_token = token }), user.Email, Issued: TokenSummary.Describe(token));
    }

    public async Task<ApiOutcome> RefreshJwtAsync(ApiRequest request)
    {
        var (check, presented) = await AuthenticateTokenAsync(request, exchanging: true);
        var presentedSummary = check.Summary ?? (presented is null ? null : TokenSummary.Describe(presented));
        if (check.Refusal is { } refusal)
        {
            return new ApiOutcome(Refuse(RefusalReasons.Of(refusal.Kind)), null, refusal, presentedSummary);
        }

        var user = check.User!;
        if (!TryReadBody(request, out var body, out var bodyProblem))
        {
            return new ApiOutcome(Refuse(RefusalReasons.BadBody, bodyProblem), user.Email, Presented: presentedSummary);
        }

        if (!TryReadTtl(body, out var ttl, out var ttlProblem))
        {
            return new ApiOutcome(Refuse(RefusalReasons.BadTtl, ttlProblem), user.Email, Presented: presentedSummary);
        }

        var lifetime = ttl ?? (profile.RefreshWithoutTtl == RefreshLifetime.Keep
            ? (int)Math.Clamp(check.LifetimeSeconds, MinTtl, MaxTtl)
            : DefaultTtl);
        if (!tokens.TryRetire(presented!, check.ExpiresAt))
        {
            return new ApiOutcome(Refuse(RefusalReasons.Revoked), user.Email, new Refusal(RefusalKind.Revoked, "this token was exchanged by another refresh a moment ago"), presentedSummary);
        }

        var token = tokens.Issue(user, lifetime);
        return new ApiOutcome(ApiResponse.Json(200, new { access_token = token }), user.Email, null, presentedSummary, TokenSummary.Describe(token));
    }

    public async Task<ApiOutcome> GetUserAsync(ApiRequest request, string uidSegment)
    {
        MockUser? caller;
        Refusal? refusal;
        string? presented = null;
        if (request.Header("Authorization") is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            && request.HeaderCount("Authorization") == 1)
        {
            var credentials = ReadBasic(header);
            caller = credentials is null ? null : users.FindByEmail(credentials.Value.Username);
            refusal = caller is null || !caller.PasswordMatches(credentials!.Value.Password)
                ? new Refusal(RefusalKind.WrongCredentials, "the Basic credentials do not match a user")
                : RefuseByStatus(caller)?.Refusal;
        }
        else
        {
            (var check, presented) = await AuthenticateTokenAsync(request, exchanging: false);
            (caller, refusal) = (check.User, check.Refusal);
        }

        if (refusal is not null)
        {
            var reason = refusal.Kind == RefusalKind.WrongCredentials ? RefusalReasons.WrongPassword : RefusalReasons.Of(refusal.Kind);
            return new ApiOutcome(Refuse(reason), null, refusal, presented is null ? null : TokenSummary.Describe(presented));
        }

        var user = int.TryParse(uidSegment, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? users.Find(uid) : null;
        return user is null
            ? new ApiOutcome(Error(404, "user_not_exist", $"User {uidSegment} does not exist"), caller!.Email)
            : new ApiOutcome(ApiResponse.Json(200, UserResource(user)), caller!.Email);
    }

    public ApiOutcome NotFound(ApiRequest request) =>
        new(Refuse(RefusalReasons.NotFound, $"{request.Method} {request.Path} is not a known endpoint"));

    public ApiOutcome MethodNotAllowed(ApiRequest request, string allowed)
    {
        var error = Refuse(RefusalReasons.WrongMethod, $"{request.Method} is not allowed on {request.Path}; use {allowed}");
        return new ApiOutcome(error with { Headers = new Dictionary<string, string>(error.Headers) { ["Allow"] = allowed } });
    }

    /// <summary>The user object, with the fields the profile names (those the mock does not keep are null), or the mock's own.</summary>
    private object UserResource(MockUser user)
    {
        var resource = UserDirectory.ToResource(user);
        if (profile.UserFields is not { } fields)
        {
            return resource;
        }

        var known = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(resource))!.AsObject();
        return new System.Text.Json.Nodes.JsonObject(fields.Select(f => KeyValuePair.Create(f, known[f]?.DeepClone())));
    }

    /// <summary>Reads <c>Authorization: JWT &lt;token&gt;</c> (or another scheme the profile accepts) and judges the token.</summary>
    private async Task<(TokenCheck Check, string? Token)> AuthenticateTokenAsync(ApiRequest request, bool exchanging)
    {
        var header = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            return (Refused(RefusalKind.MissingAuthorization, "no Authorization header"), null);
        }

        // RFC 9110 §11.6.2 gives Authorization one value: two headers are refused, not guessed between.
        if (request.HeaderCount("Authorization") > 1)
        {
            return (Refused(RefusalKind.Malformed, "the Authorization header is sent more than once"), null);
        }

        var space = header.IndexOf(' ');
        var scheme = space < 0 ? header : header[..space];
        var comparison = profile.SchemeCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (!profile.TokenSchemes.Any(s => s.Equals(scheme, comparison)))
        {
            var accepted = string.Join(", ", profile.TokenSchemes.Select(s => $"\"{s}\""));
            // What is not a known scheme word may be a credential sent without one: it is measured, never shown.
            var shown = KnownSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase)
                ? $"scheme \"{scheme}\""
                : $"an unknown scheme word ({TokenSummary.Shape(scheme)})";
            return (Refused(RefusalKind.WrongScheme, $"{shown} is not {accepted}"), null);
        }

        var token = space < 0 ? "" : header[(space + 1)..].Trim(' ');
        if (token.Length == 0)
        {
            return (Refused(RefusalKind.EmptyToken, $"\"{scheme}\" is followed by no token"), null);
        }

        return (await tokens.CheckAsync(token, exchanging), token);
    }

    private (string Username, string Password)? ReadCredentials(ApiRequest request, JsonElement? body)
    {
        foreach (var source in profile.AuthorizeCredentials)
        {
            var credentials = source switch
            {
                CredentialSource.Basic => request.Header("Authorization") is { } header && request.HeaderCount("Authorization") == 1 ? ReadBasic(header) : null,
                _ => body is { } b && b.TryGetProperty("username", out var u) && b.TryGetProperty("password", out var p)
                     && u.ValueKind == JsonValueKind.String && p.ValueKind == JsonValueKind.String
                    ? (u.GetString()!, p.GetString()!)
                    : null,
            };
            if (credentials is not null)
            {
                return credentials;
            }
        }

        return null;
    }

    private static (string Username, string Password)? ReadBasic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private ApiOutcome? RefuseByStatus(MockUser user) => user.Status switch
    {
        UserStatus.Locked => new ApiOutcome(Refuse(RefusalReasons.WrongPassword), Refusal: new Refusal(RefusalKind.UserLocked, $"user {user.Uid} is locked")),
        UserStatus.PasswordExpired => new ApiOutcome(
            Refuse(RefusalReasons.ExpiredPassword), Refusal: new Refusal(RefusalKind.PasswordExpired, $"the password of user {user.Uid} has expired")),
        _ => null,
    };

    /// <summary>An absent or blank body is no body; anything else must be a JSON object.</summary>
    private bool TryReadBody(ApiRequest request, out JsonElement? body, out string problem)
    {
        body = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return true;
        }

        if (profile.RequestContentType == RequestContentType.Json && !IsJsonMediaType(request.Header("Content-Type")))
        {
            // The header itself is not echoed: it is the client's text, of any length.
            problem = request.Header("Content-Type") is null
                ? $"a request body must be sent with Content-Type: {ApiResponse.JsonContentType}; none was given"
                : $"a request body must be sent as {ApiResponse.JsonContentType}, not another media type";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body, StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                body = document.RootElement.Clone();
                return true;
            }

            problem = "the request body must be a JSON object";
        }
        catch (JsonException)
        {
            problem = "the request body is not valid JSON";
        }

        // A profile may read a body it cannot use as no body at all.
        return profile.UnreadableBody == UnreadableBody.Ignore;
    }

    /// <summary>Whether a Content-Type names <c>application/json</c>, its parameters (a charset, say) aside.</summary>
    private static bool IsJsonMediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim().Equals(ApiResponse.JsonContentType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>ttl is optional; when present it is a JSON integer from 1 to 86400, nothing else.</summary>
    private bool TryReadTtl(JsonElement? body, out int? ttl, out string problem)
    {
        ttl = null;
        problem = "";
        if (body is not { } b || !b.TryGetProperty("ttl", out var value))
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Null && profile.TtlNull == TtlNull.Default)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && profile.TtlText == TtlText.Coerce
            && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var coerced) && coerced is >= MinTtl and <= MaxTtl)
        {
            ttl = coerced;
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds is >= MinTtl and <= MaxTtl)
        {
            ttl = seconds;
            return true;
        }

        // A profile may clamp an integer out of range (86401 gets a day) instead of refusing it.
        if (profile.TtlOutOfRange == TtlOutOfRange.Clamp && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && double.IsFinite(number) && number == Math.Floor(number))
        {
            ttl = (int)Math.Clamp(number, MinTtl, MaxTtl);
            return true;
        }

        problem = $"ttl must be an integer from {MinTtl} to {MaxTtl}, not {Shorten(value.GetRawText())}";
        return false;
    }

    /// <summary>A refusal as the profile shapes it for <paramref name="reason"/>: status, content type, body fields, error_code.</summary>
    private ApiResponse Refuse(string reason, string? text = null)
    {
        var shape = profile.Refusal(reason);
        text ??= reason == RefusalReasons.ExpiredPassword || reason == RefusalReasons.ExpiredPasswordToken
            ? "The password has expired and must be changed."
            : "The token is invalid or the credentials are wrong";
        var headers = shape.ContentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Type"] = shape.ContentType };
        var body = shape.Body switch
        {
            RefusalBody.Json => new System.Text.Json.Nodes.JsonObject(shape.Fields!.Select(f =>
                KeyValuePair.Create(f, (System.Text.Json.Nodes.JsonNode?)(f == "error_code" ? shape.ErrorCode : text)))).ToJsonString(),
            RefusalBody.Text => text,
            _ => null,
        };
        return new ApiResponse(shape.Status!.Value, body, headers);
    }

    /// <summary>An RS-style error body: <c>error_code</c> plus <c>message</c> or <c>description</c>, as the profile says.</summary>
    public ApiResponse Error(int status, string code, string text) => profile.ErrorMessageField switch
    {
        ErrorMessageField.Message => ApiResponse.Json(status, new { error_code = code, message = text }),
        ErrorMessageField.Description => ApiResponse.Json(status, new { error_code = code, description = text }),
        _ => ApiResponse.Empty(status),
    };

    private static TokenCheck Refused(RefusalKind kind, string detail) => new(null, 0, 0, new Refusal(kind, detail));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
