using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Rampart.Reporting.Schemas;
using Rampart.Testing;

namespace Rampart.Cli.Tests;

/// <summary>
/// <c>rampart scan --merge</c> over results files written by real scans of the shipped Debian sample and of an image
/// fixture, as a per-image CI job would leave them.
/// </summary>
public sealed class ScanMergeTests : IDisposable
{
    private static readonly Lazy<JsonSchema> ResultsJsonSchema = new(() => JsonSchema.FromText(ResultsSchema.Read()));

    private static readonly string Sample = "dir:" + Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Merge_TwoResultsFiles_WritesEveryReportButNoSbom()
    {
        var (sample, layout) = (await ScanAsync("sample", Sample), await ScanAsync("layout", LayoutImage()));
        var outputs = _temp.Combine("fleet");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--merge", sample, layout, "--output-dir", outputs, "--fail-on", "none");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            ["report.html", "report.md", "results.json", "results.sarif"],
            Directory.GetFiles(outputs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var results = await File.ReadAllTextAsync(Path.Combine(outputs, "results.json"));
        AssertValidResults(results);
        Assert.Equal([Sample, LayoutImage()], Images(JsonNode.Parse(results)!).Select(i => (string?)i["reference"]));
    }

    [Fact]
    public async Task Merge_FleetAndGate_AreTheSameAsScanningTheImagesInOneRun()
    {
        var layout = LayoutImage();
        var together = _temp.Combine("together.json");
        await CliRunner.RunAsync("scan", Sample, layout, "--json", together, "--fail-on", "medium", "--quiet");
        var merged = _temp.Combine("merged.json");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            "scan", "--merge", await ScanAsync("sample", Sample), await ScanAsync("layout", layout), "--json", merged, "--fail-on", "medium", "--quiet");

        Assert.True(exitCode == 1, error);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(together))!;
        var actual = JsonNode.Parse(await File.ReadAllTextAsync(merged))!;
        Assert.NotNull(actual["fleet"]?["lockIn"]);
        Assert.Equal(expected["fleet"]!.ToJsonString(), actual["fleet"]!.ToJsonString());
        Assert.Equal(expected["gate"]!.ToJsonString(), actual["gate"]!.ToJsonString());
    }

    [Fact]
    public async Task Merge_GateIsEvaluatedOnTheMergedSetWithThisRunsThresholds()
    {
        var sample = await ScanAsync("sample", Sample);
        var layout = await ScanAsync("layout", LayoutImage());
        var markdown = _temp.Combine("report.md");

        var (exitCode, output, _) = await CliRunner.RunAsync("scan", "--merge", sample, layout, "--markdown", markdown, "--fail-on", "high", "--fail-on-lockin", "high", "--quiet");

        Assert.Equal(1, exitCode);
        Assert.Contains("gate: FAILED", output, StringComparison.Ordinal);
        var document = Markdown.Parse(await File.ReadAllTextAsync(markdown), new MarkdownPipelineBuilder().UsePipeTables().Build());
        Assert.Equal("Fleet: 2 images", Text(document.Descendants<HeadingBlock>().First(h => h.Level == 3)));
        var fleet = document.Descendants<Table>().First();
        var rows = fleet.OfType<TableRow>().Where(r => !r.IsHeader).ToList();
        Assert.Equal([Sample, LayoutImage()], rows.Select(r => Text((TableCell)r[0])));
        Assert.All(rows, r => Assert.Equal("❌", Text((TableCell)r[1])));
    }

    [Fact]
    public async Task Merge_SameImageInTwoFiles_ReportsItOnceAndSaysSo()
    {
        var first = await ScanAsync("first", Sample);
        var second = await ScanAsync("second", Sample);
        var json = _temp.Combine("merged.json");

        var (exitCode, _, error) = await CliRunner.RunProcessAsync("scan", "--merge", first, second, "--json", json, "--fail-on", "none");

        Assert.True(exitCode == 0, error);
        var results = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        Assert.Single(Images(results));
        Assert.Null(results["fleet"]);
        Assert.Contains($"rampart: warning: --merge: {Sample} in '{second}' is image ", error, StringComparison.Ordinal);
        Assert.Contains($"already taken from '{first}': reported once", error, StringComparison.Ordinal);
        Assert.Contains("Merged 1 images from 2 results files; SBOMs are not written again for them", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_WithAnImageScannedInTheSameRun_WritesOnlyThatImagesSbomAndKeepsTheFreshScan()
    {
        var sample = await ScanAsync("sample", Sample);
        var layout = await ScanAsync("layout", LayoutImage());
        var outputs = _temp.Combine("out");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", Sample, "--merge", sample, layout, "--output-dir", outputs, "--fail-on", "none");

        Assert.True(exitCode == 0, error);
        Assert.Equal(["debian-rootfs.cdx.json"], Directory.GetFiles(outputs, "*.cdx.json").Select(Path.GetFileName));
        var images = Images(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outputs, "results.json")))!);
        Assert.Equal([Sample, LayoutImage()], images.Select(i => (string?)i["reference"]));
        Assert.Equal(Path.Combine(outputs, "debian-rootfs.cdx.json"), (string?)images[0]["sbom"]!["path"]);
    }

    [Fact]
    public async Task Merge_ResultsFileOfAnEarlierRampart_IsStillRead()
    {
        var earlier = Path.Combine(AppContext.BaseDirectory, "testdata", "merge", "debian-rootfs.rampart-0.1.0.json");
        var json = _temp.Combine("merged.json");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            "scan", "--merge", earlier, await ScanAsync("layout", LayoutImage()), "--json", json, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        var results = await File.ReadAllTextAsync(json);
        AssertValidResults(results);
        var images = Images(JsonNode.Parse(results)!);
        Assert.Equal("dir:tests/samples/debian-rootfs", (string?)images[0]["reference"]);
        Assert.Equal(16, images[0]["packages"]!.AsArray().Count);
    }

    [Fact]
    public async Task Merge_FileOfAnotherRampartVersion_IsMergedAndNamedInAWarning()
    {
        var other = await RewriteAsync(await ScanAsync("sample", Sample), r => r["tool"]!["version"] = "0.0.9");

        var (exitCode, _, error) = await CliRunner.RunProcessAsync("scan", "--merge", other, await ScanAsync("layout", LayoutImage()), "--fail-on", "none");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"'{other}' was written by Rampart 0.0.9", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2", "newer than the 1.1 this Rampart")]
    [InlineData("2.0", "this Rampart reads 1.x")]
    [InlineData("1", "is not MAJOR.MINOR")]
    public async Task Merge_IncompatibleSchemaVersion_IsAUsageErrorNamingTheFileAndWritesNothing(string schemaVersion, string expected)
    {
        var incompatible = await RewriteAsync(await ScanAsync("sample", Sample), r => r["schemaVersion"] = schemaVersion);
        var outputs = _temp.Combine("out");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--merge", await ScanAsync("layout", LayoutImage()), incompatible, "--output-dir", outputs);

        Assert.Equal(2, exitCode);
        Assert.Contains($"'{incompatible}'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputs));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": \"1.0\"", "is not JSON")]
    [InlineData("{\"bomFormat\": \"CycloneDX\"}", "is not a Rampart results file")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"images\": []}", "is not a valid Rampart results file")]
    public async Task Merge_BadFile_IsAUsageErrorNamingItBeforeAnythingIsScanned(string content, string expected)
    {
        var bad = _temp.Combine("bad.json");
        await File.WriteAllTextAsync(bad, content);

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + _temp.Combine("never-read.tar"), "--merge", bad);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--merge: '{bad}' {expected}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("never-read.tar", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_MissingFile_IsAUsageErrorNamingIt()
    {
        var missing = _temp.Combine("missing.json");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--merge", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains($"'{missing}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_WithSbomButNoImageToScan_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "--merge", await ScanAsync("sample", Sample), "--sbom", _temp.Combine("x.cdx.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("keep the SBOMs their own scans wrote", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DescribesMerge()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("scan", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--merge", output, StringComparison.Ordinal);
        Assert.Contains("SBOMs are not written again", output, StringComparison.Ordinal);
    }

    private static List<JsonNode> Images(JsonNode results) => results["images"]!.AsArray().Select(i => i!).ToList();

    private static void AssertValidResults(string json)
    {
        using var document = JsonDocument.Parse(json);
        var evaluation = ResultsJsonSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(
            evaluation.IsValid,
            string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    private static string Text(LeafBlock block) => string.Concat(block.Inline!.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static string Text(TableCell cell) => string.Concat(cell.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();

    /// <summary>Scans <paramref name="image"/> as a per-image CI job would and returns its results file.</summary>
    private async Task<string> ScanAsync(string name, string image)
    {
        var json = _temp.Combine(name + ".results.json");
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", image, "--json", json, "--fail-on", "none", "--quiet");
        Assert.True(exitCode == 0, error);
        return json;
    }

    /// <summary>The Alpine-like image fixture as an OCI layout, written once per test.</summary>
    private string LayoutImage()
    {
        var layout = _temp.Combine("layout");
        if (!Directory.Exists(layout))
        {
            ScanCommandTests.AlpineLikeImage().WriteOciLayout(layout);
        }

        return "oci-dir:" + layout;
    }

    private async Task<string> RewriteAsync(string path, Action<JsonNode> change)
    {
        var results = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        change(results);
        var rewritten = _temp.Combine("rewritten-" + Path.GetFileName(path));
        await File.WriteAllTextAsync(rewritten, results.ToJsonString());
        return rewritten;
    }
}
