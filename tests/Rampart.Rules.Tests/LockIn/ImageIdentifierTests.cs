using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Identification;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn;

public sealed class ImageIdentifierTests
{
    public static TheoryData<string, ImageFamily, string> FamilyImages => new()
    {
        { nameof(Families.Debian), ImageFamily.Debian, "Debian" },
        { nameof(Families.Ubuntu), ImageFamily.Ubuntu, "Canonical" },
        { nameof(Families.UbuntuChiseled), ImageFamily.UbuntuChiseled, "Canonical" },
        { nameof(Families.Alpine), ImageFamily.Alpine, "Alpine" },
        { nameof(Families.Ubi), ImageFamily.Rhel, "Red Hat" },
        { nameof(Families.Fedora), ImageFamily.Fedora, "Fedora Project" },
        { nameof(Families.AmazonLinux), ImageFamily.AmazonLinux, "Amazon" },
        { nameof(Families.AzureLinuxDistroless), ImageFamily.AzureLinux, "Microsoft" },
        { nameof(Families.Photon), ImageFamily.Photon, "Broadcom" },
        { nameof(Families.Wolfi), ImageFamily.Wolfi, "Chainguard" },
        { nameof(Families.ChainguardProduction), ImageFamily.Chainguard, "Chainguard" },
        { nameof(Families.DockerHardenedDebian), ImageFamily.DockerHardened, "Docker" },
        { nameof(Families.Distroless), ImageFamily.Distroless, "Google" },
        { nameof(Families.Bitnami), ImageFamily.Bitnami, "Broadcom" },
        { nameof(Families.Minimus), ImageFamily.Minimus, "Minimus" },
        { nameof(Families.RapidFort), ImageFamily.RapidFort, "RapidFort" },
        { nameof(Families.Echo), ImageFamily.Echo, "Echo" },
        { nameof(Families.IronBank), ImageFamily.IronBank, "Platform One" },
        { nameof(Families.Static), ImageFamily.Static, "none" },
    };

    [Theory]
    [MemberData(nameof(FamilyImages))]
    public void Identify_ImageCarryingFamilySignals_NamesFamilyAndVendor(string fixture, ImageFamily family, string vendor)
    {
        var identity = Families.ByName(fixture).Context().Identity;

        Assert.Equal(family, identity.Family);
        Assert.Equal(vendor, identity.Vendor);
        Assert.InRange(identity.Confidence, ImageIdentifier.Decisive, 1);
    }

    [Fact]
    public void Identify_DockerHardenedImage_WinsOverTheDebianIdItKeeps()
    {
        var identity = Families.DockerHardenedDebian().Context().Identity;

        Assert.Equal("debian 13", identity.Distro);
        Assert.Contains(identity.Signals, s => s is { Family: ImageFamily.Debian, Kind: SignalKind.OsRelease });
        Assert.Contains(identity.Signals, s => s is { Family: ImageFamily.DockerHardened, Kind: SignalKind.Label });
        Assert.Contains(identity.Signals, s => s is { Family: ImageFamily.DockerHardened, Kind: SignalKind.OsRelease });
    }

    [Fact]
    public void Identify_AgreeingSignals_RaiseConfidenceAboveOneSignalAlone()
    {
        var idOnly = new TestImage("only-id").OsRelease("ID=debian\n").Context().Identity;
        var debian = Families.Debian().Context().Identity;

        Assert.Equal(0.6, idOnly.Confidence, 3);
        Assert.True(debian.Confidence > idOnly.Confidence);
    }

    [Fact]
    public void Identify_WeakSignalAlone_DoesNotOverrideTheDistribution()
    {
        var identity = Families.Debian().User("1001").Context().Identity;

        Assert.Equal(ImageFamily.Debian, identity.Family);
        Assert.Contains(identity.Signals, s => s is { Family: ImageFamily.Bitnami, Kind: SignalKind.DefaultUser });
    }

    [Fact]
    public void Identify_NoSignalsAtAll_IsUnknown()
    {
        var identity = new TestImage("empty").File("/etc/hostname", "x\n").Symlink("/lib", "usr/lib").Glibc().Context().Identity;

        Assert.Equal(ImageFamily.Unknown, identity.Family);
        Assert.Equal("unknown", identity.Vendor);
        Assert.Equal(0, identity.Confidence);
    }

    [Fact]
    public void Identify_ChainguardOrganisationRepository_PointsAtChainguardNotWolfi()
    {
        var identity = Families.ChainguardProduction().Context().Identity;

        Assert.Contains(identity.Signals, s => s is { Family: ImageFamily.Chainguard, Kind: SignalKind.Repository });
        Assert.DoesNotContain(identity.Signals, s => s is { Family: ImageFamily.Wolfi, Kind: SignalKind.Repository });
    }
}
