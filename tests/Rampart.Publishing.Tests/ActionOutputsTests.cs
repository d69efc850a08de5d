using Rampart.Core.Findings;
using Rampart.Publishing.GitHub;

namespace Rampart.Publishing.Tests;

public sealed class ActionOutputsTests
{
    [Fact]
    public void From_OneImage_GivesItsVerdictAndThePaths()
    {
        var results = TestScans.Results(TestScans.Image("docker:a:1", [TestScans.Finding("HRD-001", Severity.High, 1)], 80, "B", TestScans.LockIn(41.25, LockInLevel.Moderate)));

        var outputs = ActionOutputs.From(results, PublishRun.Artifacts(results) with { ResultsPath = "out/results.json" }, workspace: null).ToDictionary();

        Assert.Equal("out/docker_a_1.cdx.json", outputs["sbom"]);
        Assert.Equal("out/results.json", outputs["results"]);
        Assert.Equal("out/results.sarif", outputs["sarif"]);
        Assert.Equal("out/report.md", outputs["markdown"]);
        Assert.Equal("80", outputs["hardening-score"]);
        Assert.Equal("B", outputs["hardening-grade"]);
        Assert.Equal("41.3", outputs["lockin-score"]);
        Assert.Equal("moderate", outputs["lockin-level"]);
        Assert.Equal("failed", outputs["gate"]);
        Assert.StartsWith("docker:a:1: HRD-001 is high", outputs["gate-reasons"], StringComparison.Ordinal);
    }

    [Fact]
    public void From_PathsInTheWorkspace_AreRelativeToIt_OthersStayAsTheyAre()
    {
        var results = TestScans.Results(TestScans.Image("docker:a:1", []));
        var artifacts = PublishRun.Artifacts(results) with
        {
            ResultsPath = "/github/workspace/rampart-results/results.json",
            SarifPath = "/github/workspace/./rampart-results/../out/results.sarif",
            MarkdownPath = "/tmp/report.md",
        };

        var outputs = ActionOutputs.From(results, artifacts, "/github/workspace").ToDictionary();

        Assert.Equal("rampart-results/results.json", outputs["results"]);
        Assert.Equal("out/results.sarif", outputs["sarif"]);
        Assert.Equal("/tmp/report.md", outputs["markdown"]);
    }

    [Fact]
    public void From_SeveralImages_GivesTheWorst()
    {
        var results = TestScans.Results(
            TestScans.Image("docker:a:1", [], 90, "A", TestScans.LockIn(10, LockInLevel.Low)),
            TestScans.Image("docker:b:1", [], 55, "D", TestScans.LockIn(62, LockInLevel.High)),
            TestScans.Image("docker:c:1", [], 70, "C"));

        var outputs = ActionOutputs.From(results, PublishRun.Artifacts(results), workspace: null).ToDictionary();

        Assert.Equal("out/docker_a_1.cdx.json\nout/docker_b_1.cdx.json\nout/docker_c_1.cdx.json", outputs["sbom"]);
        Assert.Equal(("55", "D"), (outputs["hardening-score"], outputs["hardening-grade"]));
        Assert.Equal(("62", "high"), (outputs["lockin-score"], outputs["lockin-level"]));
        Assert.Equal("passed", outputs["gate"]);
        Assert.Equal(string.Empty, outputs["gate-reasons"]);
        Assert.Equal(string.Empty, outputs["results"]);
    }

    [Fact]
    public void From_NoLockIn_LeavesLockInOutputsEmpty()
    {
        var results = TestScans.Results(TestScans.Image("docker:a:1", []));

        var outputs = ActionOutputs.From(results, PublishRun.Artifacts(results), workspace: null).ToDictionary();

        Assert.Equal((string.Empty, string.Empty), (outputs["lockin-score"], outputs["lockin-level"]));
    }
}
