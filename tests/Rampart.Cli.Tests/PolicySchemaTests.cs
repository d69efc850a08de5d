using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Rampart.Cli.Configuration;

namespace Rampart.Cli.Tests;

/// <summary>The policy file's JSON Schema, which editors use, says exactly what the settings loader accepts.</summary>
public sealed class PolicySchemaTests : IDisposable
{
    private const string FullPolicy = """
        {
          "failOn": "critical",
          "failOnLockIn": "high",
          "minSeverity": "low",
          "platform": "linux/arm64/v8",
          "rulesDocumentUrl": "https://example.com/RULES.md",
          "sbom": { "specVersion": "1.7", "format": "xml" },
          "limits": { "maxImageBytes": 1000000, "maxExpansionRatio": 50, "maxEntries": 1000, "maxPathLength": 512,
                      "maxRetainedBytes": 1000000, "maxFileBytes": 100000, "maxScanSeconds": 60 },
          "rules": { "disabled": ["RMP-H023"], "severity": { "RMP-H005": "medium" } },
          "allowList": { "setuid": ["/opt/tool/bin/helper"] },
          "waivers": [ { "rule": "RMP-H002", "path": "/opt/**", "package": "tool", "reason": "vendor tool", "expires": "2027-01-31" } ],
          "lockIn": { "weights": { "RMP-L001": 2.5 } },
          "registry": { "insecure": ["localhost:5000"], "caFile": "ca.pem" }
        }
        """;

    private readonly DirectoryInfo _repository = Directory.CreateTempSubdirectory("rampart-schema-");

    public void Dispose() => _repository.Delete(recursive: true);

    private static JsonNode Schema => JsonNode.Parse(File.ReadAllText(
        Path.Combine(CliRunner.RepositoryRoot, "src", "Rampart.Cli", "Configuration", "policy.schema.json")))!;

    [Fact]
    public void Schema_DescribesEveryKeyTheLoaderKnows()
    {
        var missing = SettingsLoader.KnownKeys.Where(key => At(Schema, key) is null).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Schema_HasNoKeyTheLoaderWouldReject()
    {
        var schemaKeys = Leaves(Schema, string.Empty).ToList();

        Assert.Equal(SettingsLoader.KnownKeys.Order(StringComparer.Ordinal), schemaKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FullPolicy_IsValidForTheSchemaAndTheLoader()
    {
        var result = Evaluate(FullPolicy);
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.json"), FullPolicy);
        _repository.CreateSubdirectory(".git");

        Assert.True(result.IsValid, string.Join("; ", result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Values) ?? []));
        Assert.Equal(Core.Findings.Severity.Critical, SettingsLoader.Load(null, _repository.FullName, new System.Collections.Hashtable(), new Dictionary<string, string?>()).FailOn);
    }

    [Theory]
    [InlineData("""{ "fial_on": "high" }""")]
    [InlineData("""{ "waivers": [ { "rule": "RMP-H002" } ] }""")]
    [InlineData("""{ "failOn": "severe" }""")]
    public void BadPolicy_IsRejectedByTheSchemaAsByTheLoader(string policy)
    {
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.json"), policy);
        _repository.CreateSubdirectory(".git");

        Assert.False(Evaluate(policy).IsValid);
        Assert.Throws<UsageException>(() => SettingsLoader.Load(null, _repository.FullName, new System.Collections.Hashtable(), new Dictionary<string, string?>()));
    }

    /// <summary>Built once: the schema registers itself under its $id, and a second registration is refused.</summary>
    private static readonly Lazy<JsonSchema> Compiled = new(() => JsonSchema.FromText(Schema.ToJsonString()));

    private static EvaluationResults Evaluate(string policy) =>
        Compiled.Value.Evaluate(JsonDocument.Parse(policy).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>The schema node a loader key (<c>waivers:#:rule</c>) leads to: names are properties, # items, * additional properties.</summary>
    private static JsonNode? At(JsonNode schema, string key)
    {
        JsonNode? node = schema;
        foreach (var segment in key.Split(':'))
        {
            node = segment switch
            {
                "#" => node?["items"],
                "*" => node?["additionalProperties"],
                _ => node?["properties"]?[segment],
            };
        }

        return node;
    }

    private static IEnumerable<string> Leaves(JsonNode node, string path)
    {
        var prefix = path.Length == 0 ? string.Empty : path + ":";
        if (node["properties"] is JsonObject properties)
        {
            return properties.SelectMany(p => Leaves(p.Value!, prefix + p.Key));
        }

        if (node["items"] is JsonObject items)
        {
            return items["properties"] is null ? [prefix + "#"] : Leaves(items, prefix + "#");
        }

        return node["additionalProperties"] is JsonObject ? [prefix + "*"] : [path];
    }
}
