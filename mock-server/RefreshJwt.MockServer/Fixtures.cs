using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefreshJwt.MockServer;

/// <summary>The repository's <c>fixtures/</c> folder: profiles and the default users.</summary>
public static class Fixtures
{
    public const string DefaultProfile = "rs-7.8";

    /// <summary>Fixture files are strict: an unknown field is an error, not a silently ignored typo.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The nearest <c>fixtures/</c> folder above the running assembly, so edits apply without a copy step.</summary>
    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "profiles")))
            {
                return candidate;
            }
        }

        throw new MockConfigurationException("cannot find the fixtures/ folder above " + AppContext.BaseDirectory + "; pass --fixtures DIR");
    }

    /// <summary>A profile by name (<c>rs-7.8</c>) from <c>fixtures/profiles</c>, or by path to a JSON file.</summary>
    public static string ProfilePath(string fixtures, string nameOrPath) =>
        nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/')
            ? nameOrPath
            : Path.Combine(fixtures, "profiles", nameOrPath + ".json");

    public static string UsersPath(string fixtures) => Path.Combine(fixtures, "users.json");

    public static IEnumerable<string> ProfileNames(string fixtures) =>
        Directory.EnumerateFiles(Path.Combine(fixtures, "profiles"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    internal static T ReadJson<T>(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MockConfigurationException($"cannot read {path}: {e.Message}");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new MockConfigurationException($"{path}: the file holds null");
        }
        catch (JsonException e)
        {
            throw new MockConfigurationException($"{path}: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
