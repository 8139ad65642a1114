using System.Text.Json;

namespace RefreshJwt.MockServer;

/// <summary>
/// JSON from outside the mock (a request body, a token's segments, a fault, a fixture file), parsed so that nothing the
/// mock later reads from it or writes back can throw. An escaped lone surrogate (<c>"\ud800"</c>) parses, but no .NET
/// string can be made of it: reading it throws, and so does writing it to the journal. It is refused here instead.
/// </summary>
internal static class JsonInput
{
    public static JsonDocument Parse(string text, JsonDocumentOptions options = default)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, options);
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check unescapes names while parsing: a lone surrogate in one throws there already.
            throw new NotTextException();
        }

        return text.Contains("\\u", StringComparison.Ordinal) ? Checked(document) : document;
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options = default)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, options);
        }
        catch (InvalidOperationException)
        {
            throw new NotTextException();
        }

        return utf8.Span.IndexOf("\\u"u8) >= 0 ? Checked(document) : document;
    }

    private static JsonDocument Checked(JsonDocument document)
    {
        try
        {
            Read(document.RootElement);
            return document;
        }
        catch (InvalidOperationException)
        {
            document.Dispose();
            throw new NotTextException();
        }
    }

    /// <summary>Makes every name and string once: what cannot be made throws.</summary>
    private static void Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Read(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Read(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}

/// <summary>JSON whose text holds an escaped lone surrogate: valid syntax, but not Unicode text.</summary>
internal sealed class NotTextException()
    : JsonException("a name or string holds an escaped lone surrogate (\\ud800 to \\udfff without its pair), which is not Unicode text");
