using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.CycloneDx;
using Rampart.Reporting.Markdown;
using Rampart.Reporting.Results;
using Rampart.Reporting.Tests.CycloneDx;

namespace Rampart.Reporting.Tests.Results;

public sealed class BaselineTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Compare_ListsPackagesAddedRemovedAndUpgraded()
    {
        var comparison = SampleResults.WithBaseline().Baseline!;

        Assert.Equal(["requests"], comparison.Packages.Added.Select(p => p.Name));
        Assert.Equal(["curl"], comparison.Packages.Removed.Select(p => p.Name));
        Assert.Equal([new PackageUpgrade("deb", "libssl3", "3.0.9-1", "3.0.11-1~deb12u2")], comparison.Packages.Upgraded);
    }

    [Fact]
    public void Compare_ListsFindingsNewAndResolvedAndScoreDeltas()
    {
        var comparison = SampleResults.WithBaseline().Baseline!;

        Assert.Equal(["RMP-H002"], comparison.Findings!.New.Select(f => f.RuleId));
        Assert.Equal(["RMP-H016"], comparison.Findings.Resolved.Select(f => f.RuleId));
        Assert.Equal(72, comparison.BaselineHardeningScore);
        Assert.Equal(-7, comparison.HardeningScoreDelta);
        Assert.Equal(LockInLevel.Low, comparison.BaselineLockInLevel);
        Assert.Equal(-7.5, comparison.LockInScoreDelta);
    }

    [Fact]
    public void PackageChanges_SeveralVersionsOfOneName_RemovesOnlyTheVersionGone()
    {
        var changes = PackageChanges.Between(
            [new PackageEntry("npm", "left-pad", "1.2.0", null), new PackageEntry("npm", "left-pad", "1.3.0", null)],
            [new PackageEntry("npm", "left-pad", "1.3.0", null), new PackageEntry("pypi", "left-pad", "1.2.0", null)]);

        Assert.Equal([new PackageEntry("pypi", "left-pad", "1.2.0", null)], changes.Added);
        Assert.Equal([new PackageEntry("npm", "left-pad", "1.2.0", null)], changes.Removed);
        Assert.Empty(changes.Upgraded);
    }

    [Fact]
    public void FindingChanges_MatchByRuleAndPathIgnoringLayerAndLineAndCountRepeats()
    {
        ReportedFinding At(string path, int layer, int line) => new()
        {
            RuleId = "RMP-H003",
            Severity = Severity.Low,
            Title = "World-writable",
            Locations = [new FindingLocation(path, layer)],
            Dockerfile = new DockerfileLocation("Dockerfile", line),
            Waived = false,
        };

        var changes = FindingChanges.Between(
            [At("/tmp/a", 1, 4), At("/tmp/b", 1, 5)],
            [At("/tmp/a", 2, 9), At("/tmp/a", 3, 10)]);

        Assert.Equal(["/tmp/a"], changes.New.Select(f => f.FirstPath));
        Assert.Equal(["/tmp/b"], changes.Resolved.Select(f => f.FirstPath));
    }

    [Fact]
    public void Compare_BaselineWithoutLockIn_HasNoLockInDelta()
    {
        var comparison = BaselineComparison.Compare(SampleResults.Debian() with { LockIn = null }, SampleResults.Debian(), "old.json");

        Assert.Null(comparison.LockInScoreDelta);
        Assert.Equal(0, comparison.HardeningScoreDelta);
        Assert.Empty(comparison.Findings!.New);
        Assert.Equal(0, comparison.Packages.Count);
    }

    [Fact]
    public async Task ReadAsync_ResultsFile_ComparesWithTheSameRepositoryUnderAnotherTag()
    {
        var path = _directory.Combine("baseline.json");
        await ResultsJson.WriteAsync(SampleResults.Results(SampleResults.Alpine(), SampleResults.EarlierDebian()), path);

        var baseline = await Baseline.ReadAsync(path);
        var comparison = baseline.CompareWith(SampleResults.Debian())!;

        Assert.False(baseline.PackagesOnly);
        Assert.Equal(path, comparison.Source);
        Assert.Equal("registry:registry.example.com/team/app:1.3", comparison.Reference);
        Assert.Equal(["RMP-H002"], comparison.Findings!.New.Select(f => f.RuleId));
    }

    [Fact]
    public async Task ReadAsync_ResultsFileWithOtherImagesOnly_ComparesNothing()
    {
        var path = _directory.Combine("baseline.json");
        await ResultsJson.WriteAsync(SampleResults.Results(SampleResults.Alpine(), SampleResults.NoOs()), path);

        var baseline = await Baseline.ReadAsync(path);

        Assert.Null(baseline.CompareWith(SampleResults.Debian()));
    }

    [Fact]
    public async Task ReadAsync_ResultsFileWithOneImage_ComparesWithIt()
    {
        var path = _directory.Combine("baseline.json");
        await ResultsJson.WriteAsync(SampleResults.Results(SampleResults.Alpine()), path);

        var comparison = (await Baseline.ReadAsync(path)).CompareWith(SampleResults.Debian());

        Assert.Equal("docker:alpine:3.20", comparison!.Reference);
    }

    [Fact]
    public async Task ReadAsync_CycloneDxSbom_ComparesPackagesOnly()
    {
        var path = _directory.Combine("baseline.cdx.json");
        var earlier = SampleScans.Debian();
        earlier = earlier with
        {
            Packages = [.. earlier.Packages.Where(p => p.Name != "requests").Select(p => p.Name == "libssl3" ? p with { Version = "3.0.9-1", Purl = null } : p)],
        };
        await new CycloneDxWriter(new CycloneDxBomBuilder(SampleResults.Clock, "1.0.0")).WriteAsync(earlier, path);

        var baseline = await Baseline.ReadAsync(path);
        var comparison = baseline.CompareWith(SampleResults.Debian())!;

        Assert.True(baseline.PackagesOnly);
        Assert.Equal("registry:registry.example.com/team/app:1.4", comparison.Reference);
        Assert.Null(comparison.Findings);
        Assert.Null(comparison.HardeningScoreDelta);
        Assert.Equal(["requests"], comparison.Packages.Added.Select(p => p.Name));
        Assert.Empty(comparison.Packages.Removed);
        Assert.Equal([new PackageUpgrade("deb", "libssl3", "3.0.9-1", "3.0.11-1~deb12u2")], comparison.Packages.Upgraded);
        var markdown = MarkdownReport.Render(SampleResults.Results(SampleResults.Debian() with { Baseline = comparison }), new MarkdownOptions());
        Assert.Contains($"- Findings: not compared, the baseline {path} is an SBOM (packages only)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_OwnSbomOfTheSameImage_FindsNoChangesEvenForScopedNpmNames()
    {
        var path = _directory.Combine("same.cdx.json");
        await new CycloneDxWriter(new CycloneDxBomBuilder(SampleResults.Clock, "1.0.0")).WriteAsync(SampleScans.NoOs(), path);

        var comparison = (await Baseline.ReadAsync(path)).CompareWith(SampleResults.NoOs())!;

        Assert.Equal(0, comparison.Packages.Count);
    }

    [Fact]
    public void FromImages_ComparesWithTheScannedImage()
    {
        var comparison = Baseline.FromImages([SampleResults.EarlierDebian()], "docker:registry.example.com/team/app:1.3").CompareWith(SampleResults.Debian());

        Assert.Equal(-7, comparison!.HardeningScoreDelta);
        Assert.Equal("docker:registry.example.com/team/app:1.3", comparison.Source);
    }

    [Theory]
    [InlineData("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>", "is not JSON: a Rampart results file or a CycloneDX JSON SBOM is expected")]
    [InlineData("{\"bomFormat\": \"CycloneDX\", \"components\": {}}", "has a \"components\" value that is not an array")]
    [InlineData("{\"hello\": 1}", "is not a Rampart results file")]
    public async Task ReadAsync_BadBaseline_NamesTheFileAndTheProblem(string content, string expected)
    {
        var path = _directory.Combine("baseline.txt");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<ResultsFileException>(() => Baseline.ReadAsync(path));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
