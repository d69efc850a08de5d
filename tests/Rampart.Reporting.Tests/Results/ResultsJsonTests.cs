using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.Results;
using Rampart.Reporting.Schemas;

namespace Rampart.Reporting.Tests.Results;

public sealed class ResultsJsonTests : IDisposable
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(ResultsSchema.Read()));

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Samples() => ["single", "fleet", "baseline"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialize_Sample_MatchesGoldenAndSchema(string sample)
    {
        var json = ResultsJson.Serialize(Sample(sample));

        SchemaValidation.AssertValid(Schema.Value, json, "Rampart results");
        Golden.AssertJson($"{sample}.results.json", json);
    }

    [Fact]
    public void Schema_RejectsResultsThatBreakTheContract()
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(Sample("single")))!;
        json["images"]![0]!["hardening"]!["findings"]![0]!["severity"] = "urgent";
        json.AsObject().Remove("gate");

        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());
        Assert.False(Schema.Value.Evaluate(document.RootElement).IsValid);
    }

    [Fact]
    public void Serialize_UsesTheNamesOfTheDesign()
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(Sample("single")))!;

        var image = json["images"]![0]!;
        Assert.Equal("1.1", (string?)json["schemaVersion"]);
        Assert.Equal("sha256:" + new string('a', 64), (string?)image["digest"]);
        Assert.Equal("sha256:" + new string('b', 64), (string?)image["imageId"]);
        Assert.Equal("linux/amd64", (string?)image["platform"]);
        Assert.Equal("12", (string?)image["os"]!["versionId"]);
        Assert.Equal(7, (int?)image["sbom"]!["componentCount"]);
        Assert.Equal("C", (string?)image["hardening"]!["grade"]);
        var finding = image["hardening"]!["findings"]![0]!;
        Assert.Equal("RMP-H001", (string?)finding["ruleId"]);
        Assert.Equal("high", (string?)finding["severity"]);
        Assert.Equal(12, (int?)finding["dockerfile"]!["line"]);
        Assert.False((bool?)finding["waived"]);
        Assert.Equal("low", (string?)image["lockIn"]!["level"]);
        Assert.Equal("fail", (string?)image["lockIn"]!["criteria"]![2]!["status"]);
        Assert.True((bool?)json["gate"]!["failed"]);
        Assert.Equal("high", (string?)json["gate"]!["failOn"]);
    }

    [Fact]
    public void Serialize_LeavesComputedPropertiesOut()
    {
        var json = ResultsJson.Serialize(Sample("single"));

        Assert.DoesNotContain("firstPath", json, StringComparison.Ordinal);
        Assert.DoesNotContain("identityKey", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_KeepsAmpersandsAndNonAsciiReadable()
    {
        var image = SampleResults.Debian();
        var json = ResultsJson.Serialize(SampleResults.Results(image with { Reference = "docker:café/app:1" }));

        Assert.Contains("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl", json, StringComparison.Ordinal);
        Assert.Contains("docker:café/app:1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SameInput_GivesIdenticalText()
    {
        Assert.Equal(ResultsJson.Serialize(Sample("fleet")), ResultsJson.Serialize(Sample("fleet")));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task ReadAsync_WrittenFile_ReadsBackToTheSameJson(string sample)
    {
        var path = _directory.Combine("results.json");
        var results = Sample(sample);
        await ResultsJson.WriteAsync(results, path);

        var read = await ResultsReader.ReadAsync(path);

        Assert.Equal(ResultsJson.Serialize(results), ResultsJson.Serialize(read));
        Assert.Equal(results.Images[0].Hardening.Findings.Count, read.Images[0].Hardening.Findings.Count);
    }

    [Fact]
    public async Task ReadAsync_FileWrittenBeforeFindingsHadAnOrigin_ReadsTheOriginAsUnknown()
    {
        // The baseline sample as schema 1.0 wrote it, before findings carried an origin.
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "schema-1.0.results.json");
        Assert.DoesNotContain("\"origin\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        var read = await ResultsReader.ReadAsync(path);

        Assert.Equal("1.0", read.SchemaVersion);
        var findings = read.Images[0].Hardening.Findings;
        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingOrigin.Unknown, f.Origin));
        var comparison = BaselineComparison.Compare(read.Images[0], SampleResults.Debian(), path);
        Assert.Empty(comparison.Findings!.New);
        Assert.Empty(comparison.Findings.Resolved);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_NamesIt()
    {
        var path = _directory.Combine("missing.json");

        var error = await Assert.ThrowsAsync<ResultsFileException>(() => ResultsReader.ReadAsync(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\": ", "is not JSON")]
    [InlineData("[]", "has no \"schemaVersion\"")]
    [InlineData("{\"bomFormat\": \"CycloneDX\"}", "has no \"schemaVersion\"")]
    [InlineData("{\"schemaVersion\": \"2.0\", \"images\": []}", "has results schemaVersion \"2.0\"; this Rampart reads 1.x")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"images\": []}", "is not a valid Rampart results file")]
    public async Task ReadAsync_BadInput_SaysWhatIsWrongAndNamesTheFile(string content, string expected)
    {
        var path = _directory.Combine("bad.json");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<ResultsFileException>(() => ResultsReader.ReadAsync(path));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSeverity_IsRejected()
    {
        var json = ResultsJson.Serialize(Sample("single")).Replace("\"severity\": \"high\"", "\"severity\": \"urgent\"", StringComparison.Ordinal);

        var error = Assert.Throws<ResultsFileException>(() => ResultsReader.Parse(Encoding.UTF8.GetBytes(json), "results.json"));

        Assert.Contains("'results.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LaterMinorVersionWithUnknownFields_IsRead()
    {
        var node = JsonNode.Parse(ResultsJson.Serialize(Sample("single")))!;
        node["schemaVersion"] = "1.7";
        node["somethingNew"] = "ignored";

        var read = ResultsReader.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()), "results.json");

        Assert.Equal("1.7", read.SchemaVersion);
        Assert.Equal(Severity.High, read.Images[0].Hardening.Findings[0].Severity);
    }

    internal static ScanResults Sample(string name) => name switch
    {
        "single" => SampleResults.Results(SampleResults.Debian()),
        "fleet" => SampleResults.Results(SampleResults.Debian(), SampleResults.Alpine(), SampleResults.NoOs()),
        "baseline" => SampleResults.Results(SampleResults.WithBaseline()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
