using Rampart.Core.Findings;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.Tests;

public sealed class FindingAnnotationsTests
{
    [Fact]
    public void For_MapsSeveritiesToLevels_AndKeepsTheFindingsOrder()
    {
        var image = TestScans.Image("docker:a:1", [
            TestScans.Finding("HRD-001", Severity.Critical, 1),
            TestScans.Finding("HRD-002", Severity.High, 2),
            TestScans.Finding("HRD-003", Severity.Medium, 3),
            TestScans.Finding("HRD-004", Severity.Low, 4),
            TestScans.Finding("HRD-005", Severity.Info, null),
        ]);

        var annotations = FindingAnnotations.For(image, Severity.Info, null);

        Assert.Equal(
            [CiAnnotationLevel.Error, CiAnnotationLevel.Error, CiAnnotationLevel.Warning, CiAnnotationLevel.Notice, CiAnnotationLevel.Notice],
            annotations.Select(a => a.Level));
        Assert.Equal("HRD-002 (high)", annotations[1].Title);
        Assert.Equal("docker:a:1: HRD-002 title\nFix: Fix HRD-002", annotations[1].Message);
        Assert.Equal(("Dockerfile", (int?)2), (annotations[1].File, annotations[1].Line));
        Assert.Null(annotations[4].File);
    }

    [Fact]
    public void For_BelowTheMinimum_IsLeftOut()
    {
        var image = TestScans.Image("docker:a:1", [TestScans.Finding("HRD-001", Severity.High, 1), TestScans.Finding("HRD-002", Severity.Low, 2)]);

        Assert.Equal("HRD-001 (high)", Assert.Single(FindingAnnotations.For(image, Severity.Medium, null)).Title);
    }

    [Fact]
    public void For_Waived_IsANoticeNamingTheWaiver()
    {
        var image = TestScans.Image("docker:a:1", [TestScans.Finding("HRD-001", Severity.Critical, 1, waived: true)]);

        var annotation = Assert.Single(FindingAnnotations.For(image, Severity.Info, null));

        Assert.Equal(CiAnnotationLevel.Notice, annotation.Level);
        Assert.Equal("HRD-001 (critical, waived)", annotation.Title);
        Assert.EndsWith("Waived until 2030-01-01: accepted", annotation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/github/workspace/build/Dockerfile", "/github/workspace", "build/Dockerfile")]
    [InlineData("/github/workspace/Dockerfile", "/github/workspace/", "Dockerfile")]
    [InlineData("./build/./Dockerfile", "/github/workspace", "build/./Dockerfile")]
    [InlineData("build\\Dockerfile", null, "build/Dockerfile")]
    [InlineData("/elsewhere/Dockerfile", "/github/workspace", "/elsewhere/Dockerfile")]
    [InlineData("/github/workspace2/Dockerfile", "/github/workspace", "/github/workspace2/Dockerfile")]
    public void RepositoryPath_IsRelativeToTheRoot(string path, string? root, string expected)
    {
        Assert.Equal(expected, FindingAnnotations.RepositoryPath(path, root));
    }
}
