using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Rampart.Reporting.Tests;

/// <summary>Checks documents against JSON schemas and lists every error when one does not conform.</summary>
internal static class SchemaValidation
{
    public static void AssertValid(JsonSchema schema, string json, string what)
    {
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(
            document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return;
        }

        var errors = new StringBuilder();
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            foreach (var (keyword, message) in detail.Errors!)
            {
                errors.AppendLine($"{detail.InstanceLocation} ({detail.EvaluationPath} {keyword}): {message}");
            }
        }

        Assert.Fail($"The document is not valid {what}:\n{errors}");
    }
}
