using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// A token split into its three segments and decoded strictly (RFC 7519 §7.2, RFC 7515 §2): base64url without
/// padding or other characters, UTF-8 JSON objects, no duplicate member names. The signature is not checked here.
/// </summary>
internal sealed record CompactJws(JsonElement Header, JsonElement Payload, int SignatureLength)
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private const int KnownHeadersLimit = 64;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement> KnownHeaders = new(StringComparer.Ordinal);

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;

    public static CompactJws? TryParse(string token, out string problem)
    {
        var segments = token.Split('.');
        if (segments.Length != 3)
        {
            problem = $"{segments.Length} segment(s), a JWS has 3";
            return null;
        }

        var header = DecodeHeader(segments[0], out problem);
        var payload = header is null ? null : DecodeObject(segments[1], "payload", out problem);
        if (header is null || payload is null)
        {
            return null;
        }

        if (!IsBase64Url(segments[2]))
        {
            problem = "the signature is not base64url";
            return null;
        }

        return new CompactJws(header.Value, payload.Value, segments[2].Length);
    }

    /// <summary>
    /// A header decoded once per distinct text: nearly every token has the same one, and the journal keeps the summaries
    /// of a thousand tokens alive, so sharing it halves what the garbage collector carries from one generation to the
    /// next (mock-server/BENCHMARKS.md). At most <see cref="KnownHeadersLimit"/> are kept; the rest are decoded each time.
    /// </summary>
    private static JsonElement? DecodeHeader(string segment, out string problem)
    {
        problem = "";
        if (KnownHeaders.TryGetValue(segment, out var known))
        {
            return known;
        }

        var header = DecodeObject(segment, "header", out problem);
        if (header is { } decoded && KnownHeaders.Count < KnownHeadersLimit)
        {
            KnownHeaders.TryAdd(segment, decoded);
        }

        return header;
    }

    /// <summary>A segment decoded as a JSON object; the element outlives its document because it is cloned.</summary>
    private static JsonElement? DecodeObject(string segment, string name, out string problem)
    {
        problem = "";
        if (segment.Length == 0 || !IsBase64Url(segment))
        {
            problem = $"the {name} is not base64url";
            return null;
        }

        try
        {
            // Parsed from the decoded bytes, checked as UTF-8 first: the same verdicts as decoding to a string and
            // parsing that, without the round trip through UTF-16.
            var bytes = Base64Url.DecodeFromChars(segment);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                throw new DecoderFallbackException();
            }

            using var document = JsonInput.Parse(bytes, Strict);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }

            problem = $"the {name} is JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object";
        }
        catch (FormatException)
        {
            problem = $"the {name} is not base64url";
        }
        catch (DecoderFallbackException)
        {
            problem = $"the {name} is not UTF-8";
        }
        catch (JsonException e)
        {
            problem = $"the {name} is not JSON ({e.Message.Split('.')[0]})";
        }

        return null;
    }

    private static bool IsBase64Url(string segment) =>
        segment.Length % 4 != 1 && !segment.AsSpan().ContainsAnyExcept(Base64UrlAlphabet);
}
