using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>An answer of the mock, as <see cref="OpenApiContract.Check"/> judges it.</summary>
internal sealed record Answer(string Method, string Path, int Status, string? MediaType, IReadOnlyCollection<string> Headers, string Body);

/// <summary>
/// <c>docs/openapi.yaml</c> read with Microsoft.OpenApi, and the judge of an answer against it: the status is one the
/// operation declares, the content type and body are the declared ones (the body valid against its schema), the
/// required headers are there, and the <c>error_code</c> is one of the response's <c>x-mock-error-codes</c>.
/// </summary>
internal sealed class OpenApiContract
{
    private const string UnknownPath = "x-mock-unknown-path";
    private const string OtherMethods = "x-mock-other-methods";

    private static readonly Lazy<OpenApiContract> Shipped = new(() => Parse(File.ReadAllText(DocumentPath)));

    private OpenApiContract(OpenApiDocument document, OpenApiDiagnostic diagnostic)
    {
        Document = document;
        Diagnostic = diagnostic;
    }

    public static string DocumentPath => Path.GetFullPath(Path.Combine(Fixtures.Locate(), "..", "docs", "openapi.yaml"));

    /// <summary>The document in <c>docs/</c>, read once.</summary>
    public static OpenApiContract Docs => Shipped.Value;

    public OpenApiDocument Document { get; }

    public OpenApiDiagnostic Diagnostic { get; }

    public static OpenApiContract Parse(string yaml)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var result = OpenApiDocument.Parse(yaml, "yaml", settings);
        return new OpenApiContract(result.Document ?? throw new InvalidOperationException("the OpenAPI document did not parse"), result.Diagnostic!);
    }

    /// <summary>What is wrong with <paramref name="answer"/> by the document; empty when nothing is.</summary>
    public IReadOnlyList<string> Check(Answer answer)
    {
        var problems = new List<string>();
        var name = $"{answer.Method} {answer.Path} → {answer.Status}";
        var expected = Expected(answer, problems);
        if (expected is null)
        {
            return problems;
        }

        foreach (var header in expected.RequiredHeaders.Where(h => !answer.Headers.Contains(h, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{name}: the required header {header} is missing");
        }

        // A HEAD answer carries no body by HTTP's rules, whatever the document says of the GET's.
        if (answer.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
        {
            return problems;
        }

        if (expected.Content.Count == 0)
        {
            if (answer.Body.Length > 0 || answer.MediaType is not null)
            {
                problems.Add($"{name}: the document declares no body, and the answer has one ({answer.MediaType})");
            }

            return problems;
        }

        if (answer.MediaType is null || !expected.Content.TryGetValue(answer.MediaType, out var schema))
        {
            problems.Add($"{name}: content type {answer.MediaType ?? "(none)"} is not one of {string.Join(", ", expected.Content.Keys)}");
            return problems;
        }

        JsonElement body;
        try
        {
            using var parsed = JsonDocument.Parse(answer.Body);
            body = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            problems.Add($"{name}: the body is not JSON");
            return problems;
        }

        if (schema is not null)
        {
            problems.AddRange(OpenApiSchemaCheck.Problems(schema, body).Select(p => $"{name}: {p}"));
        }

        if (expected.ErrorCodes is { } codes
            && (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("error_code", out var code) || !codes.Contains(code.ToString())))
        {
            problems.Add($"{name}: error_code is not one of x-mock-error-codes ({string.Join(", ", codes)})");
        }

        return problems;
    }

    /// <summary>The response the document promises for this path, method and status, or null (and why) if none.</summary>
    private Expectation? Expected(Answer answer, List<string> problems)
    {
        var status = answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (template, item) = Match(answer.Path);
        var operation = item?.Operations?.FirstOrDefault(o => o.Key.Method.Equals(answer.Method, StringComparison.OrdinalIgnoreCase)).Value;
        if (operation is null)
        {
            var extension = item is null ? UnknownPath : OtherMethods;
            var expected = FromExtension(extension, status);
            if (expected is null)
            {
                problems.Add($"{answer.Method} {answer.Path}: {extension} does not declare status {status}");
            }

            return expected;
        }

        if (operation.Responses?.TryGetValue(status, out var response) != true)
        {
            problems.Add($"{answer.Method} {template} does not declare status {status}");
            return null;
        }

        return FromModel(response!);
    }

    private static Expectation FromModel(IOpenApiResponse response) => new(
        response.Content?.ToDictionary(c => c.Key, c => c.Value.Schema) ?? [],
        response.Headers?.Where(h => h.Value.Required).Select(h => h.Key).ToList() ?? [],
        ErrorCodes(OpenApiSchemaCheck.Get(response.Extensions, "x-mock-error-codes") is JsonNodeExtension e ? e.Node : null));

    /// <summary>The path item whose template matches: a literal path before a templated one, as OpenAPI orders them.</summary>
    private (string? Template, IOpenApiPathItem? Item) Match(string path)
    {
        var segments = Uri.UnescapeDataString(path).Split('/');
        var matches = Document.Paths.Where(p =>
        {
            var parts = p.Key.Split('/');
            return parts.Length == segments.Length && parts.Zip(segments).All(s =>
                s.First.StartsWith('{') ? s.Second.Length > 0 : s.First.Equals(s.Second, StringComparison.Ordinal));
        });
        var best = matches.OrderBy(p => p.Key.Count(c => c == '{')).FirstOrDefault();
        return (best.Key, best.Value);
    }

    /// <summary>
    /// A root extension written like an operation's responses: a response by status, inline (its schemas only references
    /// to components) or a <c>$ref</c> to one of the components' responses.
    /// </summary>
    private Expectation? FromExtension(string extension, string status)
    {
        var node = (OpenApiSchemaCheck.Get(Document.Extensions, extension) as JsonNodeExtension)?.Node
            ?? throw new InvalidOperationException($"the document has no {extension}");
        if (node[status] is not { } response)
        {
            return null;
        }

        if (response["$ref"]?.GetValue<string>() is { } reference)
        {
            return FromModel(OpenApiSchemaCheck.Get(Document.Components?.Responses, Component(reference, "responses"))
                ?? throw new InvalidOperationException($"{extension}: {reference} names no response"));
        }

        var content = response["content"]?.AsObject().ToDictionary(c => c.Key, c =>
        {
            var schema = c.Value?["schema"]?["$ref"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{extension}: a schema must be a $ref");
            return OpenApiSchemaCheck.Get(Document.Components?.Schemas, Component(schema, "schemas"))
                ?? throw new InvalidOperationException($"{extension}: {schema} names no schema");
        }) ?? [];
        var headers = response["headers"]?.AsObject().Where(h => h.Value?["required"]?.GetValue<bool>() == true).Select(h => h.Key).ToList() ?? [];
        return new Expectation(content!, headers, ErrorCodes(response["x-mock-error-codes"]));
    }

    private static string Component(string reference, string kind) =>
        reference.StartsWith($"#/components/{kind}/", StringComparison.Ordinal)
            ? reference[$"#/components/{kind}/".Length..]
            : throw new InvalidOperationException($"{reference} is not a reference to #/components/{kind}");

    private static List<string>? ErrorCodes(JsonNode? node) => node?.AsArray().Select(c => c!.GetValue<string>()).ToList();

    private sealed record Expectation(
        IReadOnlyDictionary<string, IOpenApiSchema?> Content, IReadOnlyList<string> RequiredHeaders, IReadOnlyList<string>? ErrorCodes);
}
