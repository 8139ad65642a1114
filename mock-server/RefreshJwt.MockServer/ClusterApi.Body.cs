using System.Globalization;
using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>Reading a request's body and its ttl, strictly, as the profile allows.</summary>
internal sealed partial class ClusterApi
{
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
            using var document = JsonInput.Parse(request.Body, StrictJson);
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
}
