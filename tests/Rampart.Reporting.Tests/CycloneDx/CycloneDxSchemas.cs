using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using CycloneDX.Models;
using Json.Schema;
using Rampart.Reporting.CycloneDx;

namespace Rampart.Reporting.Tests.CycloneDx;

/// <summary>Validates BOMs against the official CycloneDX JSON schemas and XSDs that CycloneDX.Core embeds.</summary>
internal static class CycloneDxSchemas
{
    private const string ResourcePrefix = "CycloneDX.Core.Schemas.";

    private static readonly Lazy<Dictionary<CycloneDxSpecVersion, JsonSchema>> JsonSchemas = new(LoadJsonSchemas);

    public static void AssertValid(string document, CycloneDxFormat format, CycloneDxSpecVersion version)
    {
        if (format == CycloneDxFormat.Json)
        {
            AssertValidJson(document, version);
        }
        else
        {
            AssertValidXml(document, version);
        }
    }

    public static void AssertValidJson(string json, CycloneDxSpecVersion version)
    {
        using var document = JsonDocument.Parse(json);
        var results = JsonSchemas.Value[version].Evaluate(
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

        Assert.Fail($"The BOM is not valid CycloneDX {Version(version)} JSON:\n{errors}");
    }

    public static void AssertValidXml(string xml, CycloneDxSpecVersion version)
    {
        var schemas = new XmlSchemaSet { XmlResolver = null };
        schemas.Add(ReadXsd("spdx.xsd"));
        schemas.Add(ReadXsd($"bom-{Version(version)}.xsd"));
        schemas.Compile();

        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.True(errors.Count == 0, $"The BOM is not valid CycloneDX {Version(version)} XML:\n{string.Join('\n', errors)}");
    }

    private static string Version(CycloneDxSpecVersion version) => version switch
    {
        CycloneDxSpecVersion.V16 => "1.6",
        CycloneDxSpecVersion.V17 => "1.7",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };

    private static Dictionary<CycloneDxSpecVersion, JsonSchema> LoadJsonSchemas()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };

        // The BOM schemas $ref these by relative URI; they resolve against each schema's $id under http://cyclonedx.org/schema/.
        foreach (var dependency in new[] { "spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json" })
        {
            registry.Register(JsonSchema.FromText(ReadResource(dependency), options));
        }

        return Enum.GetValues<CycloneDxSpecVersion>().ToDictionary(
            v => v,
            v =>
            {
                var schema = JsonSchema.FromText(ReadResource($"bom-{Version(v)}.schema.json"), options);
                registry.Register(schema);
                return schema;
            });
    }

    private static XmlSchema ReadXsd(string name)
    {
        using var reader = XmlReader.Create(
            new StringReader(ReadResource(name)),
            new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XmlSchema.Read(reader, null)!;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(Bom).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"CycloneDX.Core does not embed {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
