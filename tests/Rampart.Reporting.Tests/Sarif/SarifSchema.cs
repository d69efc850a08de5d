using System.Text.Json.Nodes;
using Json.Schema;

namespace Rampart.Reporting.Tests.Sarif;

/// <summary>
/// The official SARIF 2.1.0 JSON schema, from npm <c>@microsoft/jest-sarif</c> installed next to this project's
/// package.json by <c>npm ci</c>. It is written in draft-04, which JsonSchema.Net does not read; it uses nothing that
/// draft-07 reads differently (no boolean <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>), so only its dialect and its
/// draft-04 <c>id</c> (not needed: every <c>$ref</c> is local) are dropped.
/// </summary>
internal static class SarifSchema
{
    private const string RelativePath = "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static void AssertValid(string sarif) => SchemaValidation.AssertValid(Schema.Value, sarif, "SARIF 2.1.0");

    public static EvaluationResults Evaluate(string sarif)
    {
        using var document = System.Text.Json.JsonDocument.Parse(sarif);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true });
    }

    private static JsonSchema Load()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                var schema = JsonNode.Parse(File.ReadAllText(candidate))!.AsObject();
                Assert.DoesNotContain("\"exclusiveM", schema.ToJsonString(), StringComparison.Ordinal);
                schema["$schema"] = "http://json-schema.org/draft-07/schema#";
                schema.Remove("id");
                return JsonSchema.FromText(schema.ToJsonString());
            }
        }

        throw new InvalidOperationException(
            $"{RelativePath} was not found above {AppContext.BaseDirectory}; run 'npm ci' in tests/Rampart.Reporting.Tests to install the SARIF schema.");
    }
}
