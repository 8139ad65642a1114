namespace RefreshJwt.MockServer;

/// <summary>The error answers, in the shape the profile gives each refusal.</summary>
internal sealed partial class ClusterApi
{
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
}
