using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class PublicRepositoriesCriterionTests
{
    private readonly PublicRepositoriesCriterion _criterion = new();

    [Theory]
    [InlineData(nameof(Families.Debian))]
    [InlineData(nameof(Families.Alpine))]
    [InlineData(nameof(Families.Ubi))]
    [InlineData(nameof(Families.AmazonLinux))]
    [InlineData(nameof(Families.Photon))]
    [InlineData(nameof(Families.Fedora))]
    public void Evaluate_PublicDistributionArchives_Pass(string fixture)
    {
        var image = Families.ByName(fixture);

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_DisabledYumSection_IsNotCounted()
    {
        var result = _criterion.Evaluate(Families.Ubi().Context());

        Assert.DoesNotContain("SRPMS", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ChainguardPublicRepository_ScoresHalf()
    {
        var result = _criterion.Evaluate(Families.Wolfi().Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains("https://apk.cgr.dev/chainguard", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ChainguardOrganisationRepository_Fails()
    {
        Assert.Equal(1, _criterion.Evaluate(Families.ChainguardProduction().Context()).Score);
    }

    [Fact]
    public void Evaluate_DhiMainAndEnterpriseSecurityRepositories_AverageToThreeQuarters()
    {
        var image = Families.DockerHardenedDebian().File("/etc/apt/sources.list.d/dhi.list", """
            deb [signed-by=/usr/share/keyrings/dhi-deb-main.gpg] http://dhi.io/deb/debian/main trixie main
            deb [signed-by=/usr/share/keyrings/dhi-deb-sec.gpg] http://dhi.io/deb/debian/security trixie main
            """);

        Assert.Equal(0.75, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_CredentialsInAptAuthConf_MakeTheHostPrivate()
    {
        var image = Families.Debian()
            .File("/etc/apt/sources.list.d/vendor.list", "deb https://apt.example.com/debian bookworm main\n")
            .File("/etc/apt/auth.conf.d/vendor.conf", "machine apt.example.com login user password secret\n");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(1.0 / 3, result.Score, 3);
        Assert.Contains("auth.conf", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OsPackagesWithoutAnyRepository_CannotTellTheirSource()
    {
        Assert.Equal(0.5, _criterion.Evaluate(Families.Distroless().Context()).Score);
    }

    [Fact]
    public void Evaluate_NoOsPackages_DependsOnNoRepository()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Static().Context()).Score);
    }
}
