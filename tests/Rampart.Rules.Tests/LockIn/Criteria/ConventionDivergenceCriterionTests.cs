using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class ConventionDivergenceCriterionTests
{
    private readonly ConventionDivergenceCriterion _criterion = new();

    [Fact]
    public void Evaluate_PlainDistribution_FollowsConventions()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Debian().Context()).Score);
    }

    [Fact]
    public void Evaluate_SharedNonrootUid_IsNotAVendorConvention()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Distroless().Context()).Score);
    }

    [Fact]
    public void Evaluate_BitnamiImage_DivergesInUserEntrypointEnvironmentAndTree()
    {
        var result = _criterion.Evaluate(Families.Bitnami().Context());

        Assert.Equal(0.8, result.Score, 6);
        Assert.Contains("user 1001", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("/opt/bitnami/scripts/redis/entrypoint.sh", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("BITNAMI_APP_NAME", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DotnetChiseledImage_DivergesInUserAndEnvironment()
    {
        Assert.Equal(0.4, _criterion.Evaluate(Families.UbuntuChiseled().Context()).Score, 6);
    }

    [Fact]
    public void Evaluate_PebbleEntrypoint_IsAVendorWrapper()
    {
        var image = Families.Ubuntu().Entrypoint("/usr/bin/pebble", "enter");

        Assert.Equal(0.2, _criterion.Evaluate(image.Context()).Score, 6);
    }

    [Fact]
    public void Evaluate_DistributionWithoutUserDatabase_Diverges()
    {
        var image = new TestImage("no-passwd").OsRelease("ID=debian\nVERSION_ID=12\n");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.2, result.Score, 6);
        Assert.Contains("/etc/passwd", result.Evidence, StringComparison.Ordinal);
    }
}
