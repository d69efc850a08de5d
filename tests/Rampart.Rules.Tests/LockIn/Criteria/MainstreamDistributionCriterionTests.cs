using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class MainstreamDistributionCriterionTests
{
    private readonly MainstreamDistributionCriterion _criterion = new();

    [Fact]
    public void Evaluate_DebianUnderItsOwnName_Passes()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0, result.Score);
        Assert.Equal(CriterionStatus.Pass, result.Status);
        Assert.Equal("RMP-L001", result.Id);
    }

    [Theory]
    [InlineData(nameof(Families.Distroless), "PRETTY_NAME=Distroless")]
    [InlineData(nameof(Families.DockerHardenedDebian), "NAME=Docker Hardened Images (Debian)")]
    public void Evaluate_MainstreamIdRebranded_ScoresAQuarterAndNamesTheField(string fixture, string field)
    {
        var image = Families.ByName(fixture);

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.25, result.Score);
        Assert.Contains(field, result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OsVendorDistribution_ScoresHalf()
    {
        Assert.Equal(0.5, _criterion.Evaluate(Families.AmazonLinux().Context()).Score);
    }

    [Fact]
    public void Evaluate_WolfiWithDateStamp_ScoresPublicVendorDistributionPlusRollingRelease()
    {
        var result = _criterion.Evaluate(Families.Wolfi().Context());

        Assert.Equal(0.85, result.Score, 3);
        Assert.Equal(CriterionStatus.Fail, result.Status);
        Assert.Contains("date stamp", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CommercialVendorDistribution_IsCappedAtOne()
    {
        Assert.Equal(1, _criterion.Evaluate(Families.ChainguardProduction().Context()).Score);
    }

    [Fact]
    public void Evaluate_VendorIdLikeMainstream_ScoresHalf()
    {
        var image = new TestImage("wizos").OsRelease("ID=wizos\nID_LIKE=alpine\nVERSION_ID=1.0\n");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains("ID_LIKE=alpine", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_PackageDatabaseWithoutOsRelease_Fails()
    {
        var image = new TestImage("no-os-release").File("/lib/apk/db/installed", "P:musl\n");

        Assert.Equal(1, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_StaticImage_Passes()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Static().Context()).Score);
    }
}
