using System.Text;

namespace RefreshJwt.MockServer;

/// <summary>
/// <c>docs/openapi.yaml</c>, the description of the cluster API the mock serves, built into the assembly so that every
/// build of the mock (a checkout's, the .NET tool, the single file) serves the one document, at <see cref="Path"/>.
/// </summary>
internal static class OpenApiDescription
{
    public const string Path = AdminApi.Prefix + "/openapi.yaml";

    /// <summary>The resource's name, set by the project file.</summary>
    public const string ResourceName = "openapi.yaml";

    /// <summary>The media type RFC 9512 registers for YAML.</summary>
    public const string MediaType = "application/yaml";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(OpenApiDescription).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the mock was built without its {ResourceName} resource");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static ApiResponse Response() =>
        new(200, Text.Value, new Dictionary<string, string> { ["Content-Type"] = MediaType + "; charset=utf-8" });
}
