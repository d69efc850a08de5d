using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class SupplierConcentrationCriterionTests
{
    private readonly SupplierConcentrationCriterion _criterion = new();

    [Fact]
    public void Evaluate_CommunityDistributionWithManyMaintainers_CountsAsOneCommunitySupplier()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("Debian 100", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WolfiPackages_AllComeFromChainguard()
    {
        var result = _criterion.Evaluate(Families.Wolfi().Context());

        Assert.Equal(1, result.Score);
        Assert.StartsWith("Chainguard supplies 100", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DockerHardenedImage_AttributesDebianNamedPackagesToDocker()
    {
        Assert.Equal(1, _criterion.Evaluate(Families.DockerHardenedDebian().Context()).Score);
    }

    [Fact]
    public void Evaluate_VendorComponentsBesideCommunityOnes_ScoresTheVendorsShareAndReportsHerfindahl()
    {
        var result = _criterion.Evaluate(Families.Bitnami().Context());

        Assert.Equal(0.25, result.Score);
        Assert.Contains("Broadcom", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("HHI 0.62", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RapidFortRebuiltVersion_IsRapidFortsWhateverTheMaintainer()
    {
        var result = _criterion.Evaluate(Families.RapidFort().Context());

        Assert.Equal(0.25, result.Score);
        Assert.Contains("RapidFort", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LanguagePackagesWithoutVendor_ComeFromTheirPublicRegistry()
    {
        var image = Families.Debian()
            .Package("npm", "express", "4.21.2")
            .Package("npm", "lodash", "4.17.21");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("npm registry", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoComponents_Passes()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Static().Context()).Score);
    }
}
