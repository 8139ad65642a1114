using System.Text.Json;

namespace RefreshJwt.ReferenceServers;

/// <summary>Reads a JSON object's members under the server's duplicate-key policy; anything else reads as null.</summary>
public static class StrictJson
{
    /// <summary>The members of the object in <paramref name="utf8"/>, or null when it is not one JSON object (or names a member twice under <see cref="DuplicateKeys.Reject"/>).</summary>
    public static Dictionary<string, JsonElement>? Object(ReadOnlySpan<byte> utf8, DuplicateKeys policy)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            return Members(document.RootElement, policy);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 inside a string surfaces here rather than as a JsonException.
            return null;
        }
    }

    private static Dictionary<string, JsonElement>? Members(JsonElement root, DuplicateKeys policy)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (members.ContainsKey(member.Name) && policy == DuplicateKeys.Reject)
            {
                return null;
            }

            // Cloned: the document is disposed when this returns.
            members[member.Name] = member.Value.Clone();
        }

        return members;
    }
}
