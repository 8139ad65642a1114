using System.Text;
using System.Text.Json;

namespace RefreshJwt.Conformance.Tokens;

/// <summary>
/// JSON from a target, read so that no bytes it sends can throw past a parse: a lone UTF-16 surrogate escape
/// (<c>"\ud800"</c>), which JsonDocument accepts and GetString() refuses, is read as U+FFFD; invalid UTF-8 is no JSON.
/// </summary>
public static class TolerantJson
{
    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Deeper JSON is no JSON to the suite: what it parses it can also write back (the writer stops at 64).</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The JSON value of <paramref name="text"/>, or null when it is no JSON.</summary>
    public static JsonElement? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(WithoutLoneSurrogates(text), Options);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The JSON value of UTF-8 <paramref name="bytes"/>, or null when they are no UTF-8 or no JSON.</summary>
    public static JsonElement? Parse(byte[] bytes)
    {
        try
        {
            return Parse(Strict.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A JSON string's text, or any other value's JSON text.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>The text with every <c>\uXXXX</c> escape of an unpaired surrogate replaced by <c>\ufffd</c>.</summary>
    public static string WithoutLoneSurrogates(string text)
    {
        if (!text.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            if (Unit(text, i) is not { } unit)
            {
                // Any other escape (\\ included) is copied whole, so its second character never starts one.
                result.Append(text, i, 2);
                i++;
                continue;
            }

            var pairedHigh = char.IsHighSurrogate(unit) && Unit(text, i + 6) is { } low && char.IsLowSurrogate(low);
            if (pairedHigh)
            {
                result.Append(text, i, 12);
                i += 11;
            }
            else
            {
                result.Append(char.IsSurrogate(unit) ? "\\ufffd" : text.Substring(i, 6));
                i += 5;
            }
        }

        return result.ToString();
    }

    /// <summary>The code unit of a <c>\uXXXX</c> escape at <paramref name="at"/>, if one is there.</summary>
    private static char? Unit(string text, int at) =>
        at + 6 <= text.Length && text[at] == '\\' && text[at + 1] == 'u'
        && ushort.TryParse(text.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var unit)
            ? (char)unit
            : null;
}
