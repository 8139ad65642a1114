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
        AllowDuplicateProperties = false,

        // Types are strict: "300" is no number and "CLAMP" no setting (the web defaults read numbers from strings).
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new StrictEnumConverter() },
    };

    /// <summary>
    /// The <c>fixtures/</c> folder published next to the binary (an installed tool, a single-file executable), else
    /// the checkout's, recorded at build time, else the nearest one above the executable. A build has none next to
    /// it, so a checkout reads its fixtures in place and an edited profile applies without a copy step.
    /// </summary>
    public static string Locate()
    {
        var recorded = typeof(Fixtures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        var candidates = new[] { AppContext.BaseDirectory, recorded }.OfType<string>()
            .Concat(Ancestors(AppContext.BaseDirectory).Skip(1))
            .Select(dir => Path.Combine(dir, "fixtures"));
        return candidates.FirstOrDefault(dir => Directory.Exists(Path.Combine(dir, "profiles")))
            ?? throw new MockConfigurationException("cannot find the fixtures/ folder next to or above " + AppContext.BaseDirectory + "; pass --fixtures DIR");
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    /// <summary>A profile by name (<c>rs-7.8</c>) from <c>fixtures/profiles</c>, or by path to a JSON file.</summary>
    public static string ProfilePath(string fixtures, string nameOrPath)
    {
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/'))
        {
            return nameOrPath;
        }

        var path = Path.Combine(fixtures, "profiles", nameOrPath + ".json");
        var known = Directory.Exists(Path.GetDirectoryName(path)) ? Directory.GetFiles(Path.GetDirectoryName(path)!, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray() : [];
        return File.Exists(path)
            ? path
            : throw new MockConfigurationException($"unknown profile \"{nameOrPath}\"; the profiles are {string.Join(", ", known)}, or give the path of a profile JSON file");
    }

    public static string UsersPath(string fixtures) => Path.Combine(fixtures, "users.json");

    /// <summary>The largest fixture file the mock reads: its own are a few kilobytes.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    internal static T ReadJson<T>(string path)
    {
        var text = ReadBounded(path);
        try
        {
            // Parsed once as a document first: a lone surrogate escape is refused here, not met later in a response.
            // Repeated keys are left to the serializer, whose message names the key in full.
            using (JsonInput.Parse(text))
            {
            }

            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new MockConfigurationException($"{path}: the file holds null");
        }
        catch (JsonException e)
        {
            var where = e.Path is { } at && !e.Message.Contains("Path:", StringComparison.Ordinal) ? $" (at {at})" : "";
            throw new MockConfigurationException($"{path}: {FirstLine(e.Message)}{where}");
        }
    }

    /// <summary>
    /// A regular file of at most <see cref="MaxFileBytes"/>, as text. A device or a pipe has no size (stat gives 0): one
    /// like <c>/dev/zero</c> never ends, and opening a FIFO waits for a writer that may never come, so neither is opened.
    /// </summary>
    private static string ReadBounded(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var problem = info switch
            {
                { Exists: false } => "no such file",
                { Length: 0 } => "the file is empty, or not a regular file (a device, a pipe)",
                { Length: > MaxFileBytes } => $"the file is {info.Length} bytes, over the {MaxFileBytes}-byte limit",
                _ => null,
            };
            if (problem is not null)
            {
                throw new MockConfigurationException($"cannot read {path}: {problem}");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[MaxFileBytes + 1];
            int read = 0, last;
            while (read < buffer.Length && (last = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += last;
            }

            // It may have grown since it was measured.
            return read > MaxFileBytes
                ? throw new MockConfigurationException($"cannot read {path}: the file grew past the {MaxFileBytes}-byte limit")
                : Utf8.GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MockConfigurationException($"cannot read {path}: {e.Message}");
        }
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The parser's message on one line: it may quote the file, newlines and all.</summary>
    private static string FirstLine(string text) =>
        string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .Replace("System.Int32", "a whole number", StringComparison.Ordinal).Replace("System.Boolean", "true or false", StringComparison.Ordinal)
        .Replace("System.String", "a string", StringComparison.Ordinal);
}
