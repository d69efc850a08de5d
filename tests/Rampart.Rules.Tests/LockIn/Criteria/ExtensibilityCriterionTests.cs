using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class ExtensibilityCriterionTests
{
    private readonly ExtensibilityCriterion _criterion = new();

    [Fact]
    public void Evaluate_PackageManagerAndShell_Pass()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("apt-get", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShellReachedThroughSymlinks_Counts()
    {
        var result = _criterion.Evaluate(Families.Alpine().Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("sh", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ShellWithoutPackageManager_ScoresPointFour()
    {
        var image = new TestImage("ubi-micro").Program("/usr/bin/bash");

        Assert.Equal(0.4, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_NoToolsButDocumentedDevVariant_ScoresHalf()
    {
        var result = _criterion.Evaluate(Families.Distroless().Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains(":debug", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoToolsAndNoDevVariant_ScoresPointEight()
    {
        Assert.Equal(0.8, _criterion.Evaluate(Families.Echo().Context()).Score);
    }

    [Fact]
    public void Evaluate_StaticImage_IsExtendedByRebuilding()
    {
        Assert.Equal(0.2, _criterion.Evaluate(Families.Static().Context()).Score);
    }

    [Fact]
    public void Evaluate_NonExecutableFileNamedLikeAShell_DoesNotCount()
    {
        var image = Families.Distroless().File("/bin/sh", "#!");

        Assert.Equal(0.5, _criterion.Evaluate(image.Context()).Score);
    }
}
