using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Reporting.Tests.CycloneDx;

namespace Rampart.Reporting.Tests.Results;

public sealed class ImageResultTests
{
    [Fact]
    public void From_OrdersFindingsBySeverityRulePathAndLine()
    {
        var image = SampleResults.Debian();

        Assert.Equal(
            ["RMP-H001", "RMP-H004", "RMP-H002", "RMP-H023"],
            image.Hardening.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void From_SameRuleAndPath_OrdersByDockerfileLine()
    {
        Finding At(int line) => new()
        {
            RuleId = "RMP-H020",
            Severity = Severity.Medium,
            Title = "Verification disabled",
            Locations = [new FindingLocation("history[2]", null)],
            Dockerfile = new DockerfileLocation("Dockerfile", line),
        };

        var image = ImageResult.From(SampleScans.Debian(), [At(9), At(3), At(5)], null, null);

        Assert.Equal([3, 5, 9], image.Hardening.Findings.Select(f => f.Dockerfile!.Line));
    }

    [Fact]
    public void From_ScoresAndCountsUnwaivedFindingsOnly()
    {
        var image = SampleResults.Debian();

        Assert.Equal(100 - 25 - 10, image.Hardening.Score);
        Assert.Equal("C", image.Hardening.Grade);
        Assert.Equal(new SeverityCounts(0, 1, 1, 0, 1, 1), image.Hardening.Counts);
    }

    [Fact]
    public void From_CountsPackagesPerEcosystemAndApplicationLayers()
    {
        var image = SampleResults.Debian();

        Assert.Equal(
            [new EcosystemStatistics("deb", 5, 0, 1), new EcosystemStatistics("pypi", 1, 0, 1)],
            image.Ecosystems);
        Assert.Equal(6, image.Packages.Count);
    }

    [Fact]
    public void From_WithoutBoundary_LeavesBaseAndApplicationUnknown()
    {
        var image = SampleResults.NoOs();

        Assert.Null(image.FirstApplicationLayer);
        Assert.Null(image.IsBaseLayer(0));
        Assert.All(image.Ecosystems, e => Assert.Null(e.InApplicationLayers));
    }

    [Fact]
    public void From_SamePackageTwice_KeepsOneEntry()
    {
        var image = SampleResults.NoOs();

        Assert.Single(image.Packages, p => p.Name == "left-pad");
        Assert.Equal(3, image.Ecosystems.Single(e => e.Type == "npm").Packages);
    }

    [Fact]
    public void From_SamePackageTwice_KeepsTheLowestLayerThatIntroducedIt()
    {
        var scan = SampleScans.NoOs();
        var packages = scan.Packages.Select(p => p.Locations[0].Contains("/legacy/", StringComparison.Ordinal) ? p with { IntroducedLayer = 0 } : p).ToList();

        var image = ImageResult.From(scan with { Packages = packages }, [], null, null);

        Assert.Equal(0, image.Packages.Single(p => p.Name == "left-pad").IntroducedLayer);
        Assert.Equal(1, image.Packages.Single(p => p.Name == "@babel/core").IntroducedLayer);
    }

    [Fact]
    public void Create_SeveralImages_AddsTheFleet()
    {
        var results = SampleResults.Results(SampleResults.Debian(), SampleResults.Alpine(), SampleResults.NoOs());

        var fleet = results.Fleet!;
        Assert.Equal(3, fleet.ImageCount);
        Assert.Equal("C", fleet.WorstGrade);
        Assert.Equal(2, fleet.LockIn!.ImageCount);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 12, TimeSpan.Zero), results.GeneratedAt);
    }

    [Fact]
    public void Create_OneImage_HasNoFleet()
    {
        Assert.Null(SampleResults.Results(SampleResults.Debian()).Fleet);
    }
}
