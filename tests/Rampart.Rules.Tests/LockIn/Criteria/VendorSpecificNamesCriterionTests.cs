using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class VendorSpecificNamesCriterionTests
{
    private readonly VendorSpecificNamesCriterion _criterion = new();

    [Fact]
    public void Evaluate_DebianPackages_AllHaveCounterparts()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("bookworm", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DockerHardenedRuntimeNames_AreVendorSpecific()
    {
        var result = _criterion.Evaluate(Families.DockerHardenedDebian().Context());

        Assert.Equal(2.0 / 6, result.Score, 3);
        Assert.Contains("libpython-3.13-stdlib, python-3.13", result.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("upper bound", result.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("libssl3t64")]
    [InlineData("libicu74")]
    [InlineData("zlib1g-dev")]
    [InlineData("openssl-devel")]
    public void Evaluate_NamesThatNormaliseToADebianName_HaveCounterparts(string name)
    {
        var image = new TestImage("renamed").Package("deb", name, "1");

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_SourceNameKnownToDebian_IsACounterpart()
    {
        var image = new TestImage("split").Package("apk", "libcrypto3", "3.4.0-r1", source: "openssl");

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_ApkNamesWithoutAnAlpineList_SayTheShareIsAnUpperBound()
    {
        var result = _criterion.Evaluate(Families.Alpine().Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains("alpine-baselayout, apk-tools", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("No alpine name list is shipped", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ApkNamesAllKnownElsewhere_StillSayTheAlpineListIsMissing()
    {
        var image = new TestImage("musl-only").Package("apk", "musl", "1.2.5-r0", source: "musl");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("No alpine name list is shipped; every name matched another list.", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LanguagePackagesOnly_HaveNothingToCompare()
    {
        var image = new TestImage("node").Package("npm", "left-pad", "1.3.0");

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score);
    }
}
