using Rampart.Core.LockIn;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn;

public sealed class FleetLockInTests
{
    [Fact]
    public void Of_OneImage_IsHomogeneous()
    {
        var fleet = FleetLockIn.Of([Families.Debian().Assess().Profile]);

        Assert.Equal(1, fleet.ImageCount);
        Assert.Equal(0, fleet.Heterogeneity);
        Assert.Equal("Debian", fleet.LargestVendor);
        Assert.Equal(1, fleet.LargestVendorShare);
    }

    [Fact]
    public void Of_MixedImages_CountsEachDimensionAndTheLargestVendor()
    {
        var fleet = FleetLockIn.Of(
        [
            Families.Wolfi().Assess().Profile,
            Families.ChainguardProduction().Assess().Profile,
            Families.Alpine().Assess().Profile,
            Families.Debian().Assess().Profile,
        ]);

        Assert.Equal(4, fleet.ImageCount);
        Assert.Equal("Chainguard", fleet.LargestVendor);
        Assert.Equal(0.5, fleet.LargestVendorShare);
        Assert.Equal(3, fleet.Vendors.Count);
        Assert.Equal(4, fleet.Distros.Count);
        Assert.Contains(new FleetCount("glibc", 3), fleet.Libcs);
        Assert.Contains(new FleetCount("musl", 1), fleet.Libcs);
        Assert.Contains(new FleetCount("Apk", 3), fleet.PackageFormats);
        Assert.Contains(new FleetCount("65532", 2), fleet.DefaultUsers);
        Assert.Contains(new FleetCount("root", 2), fleet.DefaultUsers);
        Assert.Equal(4, fleet.SwitchingSurface);
        Assert.Equal(1, fleet.Heterogeneity, 6);
    }

    [Fact]
    public void Of_TwoDistrosOverFourImages_IsHalfAsHeterogeneousAsAllDifferent()
    {
        var debian = Families.Debian().Assess().Profile;
        var alpine = Families.Alpine().Assess().Profile;

        var fleet = FleetLockIn.Of([debian, debian with { Reference = "debian:12-b" }, alpine, alpine with { Reference = "alpine:b" }]);

        Assert.Equal(0.5, fleet.Heterogeneity, 6);
        Assert.Equal(2, fleet.SwitchingSurface);
    }

    [Fact]
    public void Of_PointReleasesOfOneDistribution_AreOneRelease()
    {
        var debian = Families.Debian().Assess().Profile;

        var fleet = FleetLockIn.Of([debian with { Distro = "debian 12.11" }, debian with { Reference = "debian:b", Distro = "debian 12.13" }]);

        Assert.Equal([new FleetCount("debian 12", 2)], fleet.Distros);
        Assert.Equal(0, fleet.Heterogeneity);
    }

    [Theory]
    [InlineData("debian 12.11", "debian 12")]
    [InlineData("debian 13", "debian 13")]
    [InlineData("alpine 3.20.3", "alpine 3.20")]
    [InlineData("ubuntu 24.04", "ubuntu 24.04")]
    [InlineData("rhel 9.4", "rhel 9")]
    [InlineData("wolfi 20230201", "wolfi 20230201")]
    [InlineData("none", "none")]
    public void ReleaseOf_DropsPointReleases(string distro, string release)
    {
        Assert.Equal(release, FleetLockIn.ReleaseOf(distro));
    }

    [Fact]
    public void Of_TiedVendors_PicksTheFirstByName()
    {
        var fleet = FleetLockIn.Of([Families.Wolfi().Assess().Profile, Families.Alpine().Assess().Profile]);

        Assert.Equal("Alpine", fleet.LargestVendor);
        Assert.Equal(0.5, fleet.LargestVendorShare);
    }

    [Fact]
    public void Of_MeanScore_AveragesTheImages()
    {
        var a = Families.Debian().Assess().Profile;
        var b = Families.Wolfi().Assess().Profile;

        Assert.Equal((a.Score + b.Score) / 2, FleetLockIn.Of([a, b]).MeanScore, 6);
    }

    [Fact]
    public void Of_NoImages_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => FleetLockIn.Of([]));
    }
}
