using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Rampart.Testing;

/// <summary>
/// GitHub's official REST description (npm @octokit/openapi, api.github.com, OpenAPI 3.0): finds the operation a
/// request is for, checks the request against it, and gives the operation's documented example answers.
/// </summary>
public sealed class OpenApiDescription
{
    private static readonly Lazy<OpenApiDescription> Loaded = new(() =>
        new OpenApiDescription(JsonNode.Parse(File.ReadAllText(NodeModules.File("@octokit/openapi/generated/api.github.com.json")))!.AsObject()));

    private readonly JsonObject _document;
    private readonly Dictionary<string, JsonSchema> _schemas = [];

    private OpenApiDescription(JsonObject document) => _document = document;

    public static OpenApiDescription Instance => Loaded.Value;

    /// <summary>The path template and operation for a method and a concrete path, e.g. <c>/repos/{owner}/{repo}/check-runs</c>.</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path)
    {
        lock (_document)
        {
            return FindLocked(method, path);
        }
    }

    /// <summary>Every way the request departs from the operation: unknown operation, bad path or query parameters, body not matching the schema.</summary>
    public IReadOnlyList<string> Check(string method, string path, IReadOnlyDictionary<string, string> query, string? contentType, string body)
    {
        // A parsed JsonNode builds its children on first access, which is not safe from several threads at once.
        lock (_document)
        {
            return CheckLocked(method, path, query, contentType, body);
        }
    }

    /// <summary>The first documented example answer of an operation for <paramref name="status"/>, as a fresh copy to adapt.</summary>
    public JsonNode Example(string method, string template, int status)
    {
        lock (_document)
        {
            return ExampleLocked(method, template, status);
        }
    }

    private (string Template, JsonObject Operation)? FindLocked(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        (string Template, JsonObject Operation, int Literals)? best = null;
        foreach (var (template, item) in _document["paths"]!.AsObject())
        {
            var parts = template.Trim('/').Split('/');
            if (parts.Length != segments.Length || item![method.ToLowerInvariant()] is not JsonObject operation)
            {
                continue;
            }

            var literals = 0;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                if (parts[i].StartsWith('{'))
                {
                    continue;
                }

                matches = string.Equals(parts[i], Uri.UnescapeDataString(segments[i]), StringComparison.Ordinal);
                literals++;
            }

            if (matches && (best is null || literals > best.Value.Literals))
            {
                best = (template, operation, literals);
            }
        }

        return best is { } found ? (found.Template, found.Operation) : null;
    }

    private List<string> CheckLocked(string method, string path, IReadOnlyDictionary<string, string> query, string? contentType, string body)
    {
        var problems = new List<string>();
        if (FindLocked(method, path) is not { } found)
        {
            problems.Add($"{method} {path}: no such operation in GitHub's REST description");
            return problems;
        }

        var (template, operation) = found;
        var where = $"{method} {template} ({operation["operationId"]})";
        var parameters = ((_document["paths"]![template]!["parameters"] as JsonArray) ?? [])
            .Concat((operation["parameters"] as JsonArray) ?? [])
            .Select(p => Resolve(p!).AsObject())
            .ToList();
        var segments = path.Trim('/').Split('/');
        var parts = template.Trim('/').Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{'))
            {
                var name = parts[i].Trim('{', '}');
                var parameter = parameters.FirstOrDefault(p => (string?)p["in"] == "path" && (string?)p["name"] == name);
                CheckValue(where, $"path parameter {name}", parameter?["schema"], Uri.UnescapeDataString(segments[i]), problems);
            }
        }

        foreach (var (name, value) in query)
        {
            var parameter = parameters.FirstOrDefault(p => (string?)p["in"] == "query" && (string?)p["name"] == name);
            if (parameter is null)
            {
                problems.Add($"{where}: query parameter {name} is not declared");
                continue;
            }

            CheckValue(where, $"query parameter {name}", parameter["schema"], value, problems);
        }

        foreach (var required in parameters.Where(p => (string?)p["in"] == "query" && (bool?)p["required"] == true))
        {
            if (!query.ContainsKey((string)required["name"]!))
            {
                problems.Add($"{where}: required query parameter {required["name"]} is missing");
            }
        }

        var requestBody = operation["requestBody"] is { } reference ? Resolve(reference) : null;
        if (requestBody is null)
        {
            if (body.Length > 0)
            {
                problems.Add($"{where}: takes no body, got {body.Length} characters");
            }

            return problems;
        }

        if (body.Length == 0)
        {
            if ((bool?)requestBody["required"] == true)
            {
                problems.Add($"{where}: the body is required");
            }

            return problems;
        }

        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            problems.Add($"{where}: content type {contentType ?? "(none)"} is not application/json");
        }

        var schemaKey = $"{method} {template}";
        if (!_schemas.TryGetValue(schemaKey, out var schema))
        {
            var converted = ToJsonSchema(requestBody["content"]!["application/json"]!["schema"]!, 0);
            _schemas[schemaKey] = schema = JsonSchema.FromText(converted.ToJsonString());
        }

        using var document = JsonDocument.Parse(body);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!results.IsValid)
        {
            foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
            {
                foreach (var (keyword, message) in detail.Errors!)
                {
                    problems.Add($"{where}: body {detail.InstanceLocation} ({keyword}): {message}");
                }
            }
        }

        return problems;
    }

    private JsonNode ExampleLocked(string method, string template, int status)
    {
        var operation = _document["paths"]![template]![method.ToLowerInvariant()]!;
        var response = Resolve(operation["responses"]![status.ToString(CultureInfo.InvariantCulture)]!);
        var content = response["content"]!["application/json"]!;
        var example = content["examples"] is JsonObject examples
            ? Resolve(examples.First().Value!)["value"]!
            : content["example"]!;
        return example.DeepClone();
    }

    private JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject { Count: 1 } reference && reference["$ref"] is JsonValue pointer)
        {
            node = ((string)pointer!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)_document, (current, part) => current[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);
        }

        return node;
    }

    /// <summary>An OpenAPI 3.0 schema as JSON Schema: references inlined, <c>nullable</c> turned into a null type.</summary>
    private JsonNode ToJsonSchema(JsonNode node, int depth)
    {
        if (depth > 40)
        {
            return new JsonObject();
        }

        switch (Resolve(node))
        {
            case JsonObject schema:
                var copy = new JsonObject();
                foreach (var (key, value) in schema)
                {
                    if (key is "nullable" or "example" or "discriminator" or "xml")
                    {
                        continue;
                    }

                    copy[key] = key is "properties" or "patternProperties"
                        ? new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ToJsonSchema(p.Value!, depth + 1))))
                        : value is JsonObject or JsonArray && key is not "enum" and not "required" and not "default"
                            ? ToJsonSchema(value, depth + 1)
                            : value?.DeepClone();
                }

                if ((bool?)schema["nullable"] == true)
                {
                    return copy["type"] is JsonValue type
                        ? WithType(copy, new JsonArray((string)type!, "null"))
                        : new JsonObject { ["anyOf"] = new JsonArray(copy, new JsonObject { ["type"] = "null" }) };
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => (JsonNode?)ToJsonSchema(item!, depth + 1)).ToArray());
            case var other:
                return other.DeepClone();
        }
    }

    private static JsonObject WithType(JsonObject schema, JsonArray type)
    {
        schema["type"] = type;
        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return schema;
    }

    private static void CheckValue(string where, string what, JsonNode? schema, string value, List<string> problems)
    {
        if (schema is null)
        {
            problems.Add($"{where}: {what} is not declared");
            return;
        }

        var type = (string?)schema["type"];
        var valid = type switch
        {
            "integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "boolean" => value is "true" or "false",
            _ => true,
        };
        if (schema["enum"] is JsonArray values && !values.Any(v => (string?)v == value))
        {
            valid = false;
        }

        if (!valid)
        {
            problems.Add($"{where}: {what} '{value}' does not match {schema.ToJsonString()}");
        }
    }
}
