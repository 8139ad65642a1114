using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// A JSON value against a schema of Microsoft.OpenApi's model: the JSON Schema keywords <c>docs/openapi.yaml</c> uses,
/// and the <c>x-mock-required</c> extension (fields the mock always sends). A keyword it cannot check is a problem of its
/// own, so that a schema is never passed by a keyword skipped.
/// </summary>
internal static class OpenApiSchemaCheck
{
    public static IReadOnlyList<string> Problems(IOpenApiSchema schema, JsonElement value)
    {
        var problems = new List<string>();
        Check(schema, value, "body", problems);
        return problems;
    }

    private static void Check(IOpenApiSchema schema, JsonElement value, string at, List<string> problems)
    {
        if (Unreadable(schema) is { } keyword)
        {
            problems.Add($"{at}: the schema uses {keyword}, which this check cannot read");
            return;
        }

        var actual = TypeOf(value);
        if (schema.Type is { } type && !type.HasFlag(actual) && !(actual == JsonSchemaType.Integer && type.HasFlag(JsonSchemaType.Number)))
        {
            problems.Add($"{at}: {value.ValueKind} where the schema wants {type}");
            return;
        }

        if (schema.Enum is { Count: > 0 } choices && !choices.Any(c => JsonNode.DeepEquals(c, JsonNode.Parse(value.GetRawText()))))
        {
            problems.Add($"{at}: {value.GetRawText()} is not one of {string.Join(", ", choices.Select(c => c?.ToJsonString()))}");
        }

        if (schema.Const is { } constant && value.ToString() != constant)
        {
            problems.Add($"{at}: {value.GetRawText()} is not {constant}");
        }

        CheckBounds(schema, value, at, problems);
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, at, problems);
        }

        foreach (var part in schema.AllOf ?? [])
        {
            Check(part, value, at, problems);
        }

        Alternatives(schema.AnyOf, value, at, "anyOf", n => n >= 1, problems);
        Alternatives(schema.OneOf, value, at, "oneOf", n => n == 1, problems);
    }

    private static string? Unreadable(IOpenApiSchema schema) => schema switch
    {
        { Not: not null } => "not",
        { Items: not null } => "items",
        { PatternProperties.Count: > 0 } => "patternProperties",
        { MultipleOf: not null } => "multipleOf",
        { DependentRequired.Count: > 0 } => "dependentRequired",
        { Discriminator: not null } => "discriminator",
        { UnevaluatedProperties: false } => "unevaluatedProperties",
        _ => null,
    };

    private static void CheckObject(IOpenApiSchema schema, JsonElement value, string at, List<string> problems)
    {
        var required = (schema.Required ?? new HashSet<string>()).Concat(MockRequired(schema));
        foreach (var name in required.Distinct().Where(n => !value.TryGetProperty(n, out _)))
        {
            problems.Add($"{at}: the required property {name} is missing");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (Get(schema.Properties, property.Name) is { } declared)
            {
                Check(declared, property.Value, $"{at}.{property.Name}", problems);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(additional, property.Value, $"{at}.{property.Name}", problems);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                problems.Add($"{at}: the property {property.Name} is not allowed");
            }
        }
    }

    private static void CheckBounds(IOpenApiSchema schema, JsonElement value, string at, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            if (Bound(schema.Minimum) is { } min && number < min || Bound(schema.ExclusiveMinimum) is { } xmin && number <= xmin)
            {
                problems.Add($"{at}: {number} is below the minimum");
            }

            if (Bound(schema.Maximum) is { } max && number > max || Bound(schema.ExclusiveMaximum) is { } xmax && number >= xmax)
            {
                problems.Add($"{at}: {number} is above the maximum");
            }
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            var length = new StringInfo(text).LengthInTextElements;
            if (length < (schema.MinLength ?? 0) || length > (schema.MaxLength ?? int.MaxValue))
            {
                problems.Add($"{at}: a string of {length} characters is outside the schema's length");
            }

            if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                problems.Add($"{at}: the string does not match {pattern}");
            }
        }
    }

    private static void Alternatives(
        IList<IOpenApiSchema>? schemas, JsonElement value, string at, string keyword, Func<int, bool> enough, List<string> problems)
    {
        if (schemas is not { Count: > 0 })
        {
            return;
        }

        var valid = schemas.Count(s => Problems(s, value).Count == 0);
        if (!enough(valid))
        {
            problems.Add($"{at}: {valid} of the {keyword} schemas hold, against {keyword}'s rule");
        }
    }

    private static IEnumerable<string> MockRequired(IOpenApiSchema schema) =>
        Get(schema.Extensions, "x-mock-required") is JsonNodeExtension { Node: JsonArray names }
            ? names.Select(n => n!.GetValue<string>())
            : [];

    /// <summary>A member of one of the model's dictionaries, or null: they are <see cref="IDictionary{TKey, TValue}"/>, not read-only ones.</summary>
    public static TValue? Get<TValue>(IDictionary<string, TValue>? members, string name)
        where TValue : class => members is not null && members.TryGetValue(name, out var value) ? value : null;

    private static decimal? Bound(string? text) =>
        text is null ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonSchemaType TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonSchemaType.Object,
        JsonValueKind.Array => JsonSchemaType.Array,
        JsonValueKind.String => JsonSchemaType.String,
        JsonValueKind.Number => value.TryGetDecimal(out var d) && d == decimal.Truncate(d) ? JsonSchemaType.Integer : JsonSchemaType.Number,
        JsonValueKind.True or JsonValueKind.False => JsonSchemaType.Boolean,
        _ => JsonSchemaType.Null,
    };
}
