using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.Sarif;
using Rampart.Reporting.Tests.Markdown;
using Rampart.Reporting.Tests.Results;

namespace Rampart.Reporting.Tests.Sarif;

public sealed class SarifReportTests : IDisposable
{
    private static readonly SarifOptions Options = new()
    {
        RulesDocumentUrl = new Uri("https://github.com/example/rampart/blob/main/src/Rampart.Rules/RULES.md"),
        Rules =
        [
            new RuleDescriptor("RMP-H001", "Image runs as root by default", Severity.High, "A process running as root inside a container is root on the host's kernel.", "End the final stage with a numeric USER.", ["CIS-DI-0001", "CIS-4.1", "DS002", "DL3002"]),
            new RuleDescriptor("RMP-H005", "No HEALTHCHECK", Severity.Low, "Orchestrators cannot tell a hung process from a healthy one.", "Add a HEALTHCHECK.", ["CIS-DI-0006"]),
            new RuleDescriptor("RMP-H023", "Shell present", Severity.Info, "A shell helps an attacker.", "Use a shell-less final stage.", ["NIST-800-190-4.1.2"]),
        ],
        SourceRoot = "/work/repo",
    };

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Samples() => ["single", "fleet", "baseline"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_Sample_MatchesGoldenAndTheOfficialSchema(string sample)
    {
        var sarif = SarifReport.Render(ResultsJsonTests.Sample(sample), Options);

        SarifSchema.AssertValid(sarif);
        Golden.AssertJson($"{sample}.sarif", sarif);
    }

    [Fact]
    public void Schema_RejectsALogThatIsNotSarif()
    {
        var log = JsonNode.Parse(SarifReport.Render(ResultsJsonTests.Sample("single"), Options))!;
        log["version"] = "2.0.0";
        log["runs"]![0]!["results"]![0]!["level"] = "fatal";

        Assert.False(SarifSchema.Evaluate(log.ToJsonString()).IsValid);
    }

    [Fact]
    public void Render_HostileAndHugeResults_StayValid()
    {
        SarifSchema.AssertValid(SarifReport.Render(HostileResults.Results(), Options));
        SarifSchema.AssertValid(SarifReport.Render(MarkdownReportTests.Many(3_000), new SarifOptions()));
    }

    [Fact]
    public void Render_OneRunPerImageWithItsCategory()
    {
        var runs = Log("fleet")["runs"]!.AsArray();

        Assert.Equal(
            ["rampart/registry.example.com/team/app/", "rampart/alpine/", "rampart/build/app/"],
            runs.Select(r => (string?)r!["automationDetails"]!["id"]));
        Assert.All(runs, r => Assert.Equal("Rampart", (string?)r!["tool"]!["driver"]!["name"]));
    }

    [Theory]
    [InlineData("registry:registry.example.com/team/app:1.4", "rampart/registry.example.com/team/app/")]
    [InlineData("docker:alpine:3.20", "rampart/alpine/")]
    [InlineData("localhost:5000/app@sha256:0123", "rampart/localhost:5000/app/")]
    [InlineData("docker:localhost:5000/app", "rampart/localhost:5000/app/")]
    [InlineData("docker-archive:out/app.tar", "rampart/out/app.tar/")]
    [InlineData("dir:/srv/rootfs/", "rampart/srv/rootfs/")]
    public void Category_NamesTheImageWithoutSchemeTagOrDigest(string reference, string expected)
    {
        Assert.Equal(expected, SarifReport.Category(reference));
    }

    [Fact]
    public void Render_Rules_CarryHelpSeverityAndTags()
    {
        var rules = Log("single")["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();

        Assert.Equal(["RMP-H001", "RMP-H002", "RMP-H004", "RMP-H005", "RMP-H023"], rules.Select(r => (string?)r!["id"]));
        var root = rules[0]!;
        Assert.Equal("ImageRunsAsRootByDefault", (string?)root["name"]);
        Assert.Equal("Image runs as root by default", (string?)root["shortDescription"]!["text"]);
        Assert.Equal("https://github.com/example/rampart/blob/main/src/Rampart.Rules/RULES.md#rmp-h001-image-runs-as-root-by-default", (string?)root["helpUri"]);
        Assert.Contains("**Remediation:** End the final stage with a numeric USER.", (string?)root["help"]!["markdown"], StringComparison.Ordinal);
        Assert.Equal("8.0", (string?)root["properties"]!["security-severity"]);
        Assert.Equal(["security", "container", "hardening", "CIS-DI-0001", "CIS-4.1", "DS002", "DL3002"], root["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("5.5", (string?)rules[1]!["properties"]!["security-severity"]);
        Assert.Equal("3.0", (string?)rules[3]!["properties"]!["security-severity"]);
        Assert.Null(rules[4]!["properties"]!["security-severity"]);
        Assert.Equal("note", (string?)rules[4]!["defaultConfiguration"]!["level"]);
    }

    [Fact]
    public void Render_Results_SitOnDockerfileLinesElseOnImagePaths()
    {
        var results = Log("single")["runs"]![0]!["results"]!.AsArray();

        var root = results[0]!["locations"]![0]!;
        Assert.Equal("build/Dockerfile", (string?)root["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal(12, (int?)root["physicalLocation"]!["region"]!["startLine"]);
        var shell = results[3]!["locations"]![0]!;
        Assert.Equal("bin/sh", (string?)shell["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Null(shell["physicalLocation"]!["region"]);
        Assert.Equal("layer 0 (base image)", (string?)shell["logicalLocations"]![0]!["name"]);
        Assert.Equal("registry:registry.example.com/team/app:1.4 layer 0", (string?)shell["logicalLocations"]![0]!["fullyQualifiedName"]);
    }

    [Fact]
    public void Render_AbsoluteDockerfileUnderTheSourceRoot_IsRelative()
    {
        var image = ImageResult.From(
            CycloneDx.SampleScans.Debian(),
            [new Finding { RuleId = "RMP-H001", Severity = Severity.High, Title = "Root", Dockerfile = new DockerfileLocation("/work/repo/src/app/Dockerfile", 3) }],
            null,
            null);

        var log = JsonNode.Parse(SarifReport.Render(SampleResults.Results(image), Options))!;

        Assert.Equal("src/app/Dockerfile", (string?)log["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
    }

    [Fact]
    public void Render_WaivedFinding_IsAnAcceptedSuppression()
    {
        var waived = Log("single")["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["ruleId"] == "RMP-H004")!;

        var suppression = waived["suppressions"]![0]!;
        Assert.Equal("external", (string?)suppression["kind"]);
        Assert.Equal("accepted", (string?)suppression["status"]);
        Assert.Equal("Test token, revoked (until 2025-12-31)", (string?)suppression["justification"]);
    }

    [Fact]
    public void Render_Fingerprints_AreStableAcrossTagsAndDistinctAcrossFindings()
    {
        var current = SampleResults.Debian();
        var retagged = current with { Reference = "registry:registry.example.com/team/app:1.5" };

        var before = Fingerprints(SarifReport.Render(SampleResults.Results(current), Options));
        var after = Fingerprints(SarifReport.Render(SampleResults.Results(retagged), Options));

        Assert.Equal(before, after);
        Assert.Equal(before.Count, before.Distinct().Count());
    }

    [Fact]
    public void Render_SameInput_GivesIdenticalText()
    {
        Assert.Equal(SarifReport.Render(ResultsJsonTests.Sample("fleet"), Options), SarifReport.Render(ResultsJsonTests.Sample("fleet"), Options));
    }

    [Fact]
    public async Task WriteAsync_WritesTheLog()
    {
        var path = _directory.Combine("rampart.sarif");

        await SarifReport.WriteAsync(ResultsJsonTests.Sample("single"), path, Options);

        Assert.Equal(SarifReport.Render(ResultsJsonTests.Sample("single"), Options), await File.ReadAllTextAsync(path));
    }

    private static JsonNode Log(string sample) => JsonNode.Parse(SarifReport.Render(ResultsJsonTests.Sample(sample), Options))!;

    private static List<string?> Fingerprints(string sarif) =>
        JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray()
            .Select(r => (string?)r!["partialFingerprints"]!["rampartFinding/v1"])
            .ToList();
}
