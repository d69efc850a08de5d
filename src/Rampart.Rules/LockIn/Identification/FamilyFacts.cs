using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn.Identification;

/// <summary>What is known about each family independent of any one image: its vendor, and what it is built on.</summary>
internal static class FamilyFacts
{
    /// <summary>
    /// Most specific first: a product line beats the distribution under it, a vendor distribution beats a
    /// mainstream one. Only families whose signals reach <see cref="ImageIdentifier.Decisive"/> compete on this order.
    /// </summary>
    public static readonly ImageFamily[] Precedence =
    [
        ImageFamily.RapidFort,
        ImageFamily.IronBank,
        ImageFamily.Bitnami,
        ImageFamily.DockerHardened,
        ImageFamily.Distroless,
        ImageFamily.UbuntuChiseled,
        ImageFamily.Chainguard,
        ImageFamily.Minimus,
        ImageFamily.Echo,
        ImageFamily.Wolfi,
        ImageFamily.AzureLinux,
        ImageFamily.AmazonLinux,
        ImageFamily.Photon,
        ImageFamily.Rhel,
        ImageFamily.Fedora,
        ImageFamily.Ubuntu,
        ImageFamily.Alpine,
        ImageFamily.Debian,
        ImageFamily.Static,
    ];

    public static string VendorOf(ImageFamily family) => family switch
    {
        ImageFamily.Debian => "Debian",
        ImageFamily.Ubuntu or ImageFamily.UbuntuChiseled => "Canonical",
        ImageFamily.Alpine => "Alpine",
        ImageFamily.Rhel => "Red Hat",
        ImageFamily.Fedora => "Fedora Project",
        ImageFamily.AmazonLinux => "Amazon",
        ImageFamily.AzureLinux => "Microsoft",
        ImageFamily.Photon or ImageFamily.Bitnami => "Broadcom",
        ImageFamily.Wolfi or ImageFamily.Chainguard => "Chainguard",
        ImageFamily.DockerHardened => "Docker",
        ImageFamily.Distroless => "Google",
        ImageFamily.Minimus => "Minimus",
        ImageFamily.RapidFort => "RapidFort",
        ImageFamily.Echo => "Echo",
        ImageFamily.IronBank => "Platform One",
        ImageFamily.Static => "none",
        _ => "unknown",
    };

    /// <summary>The families a product line is built on, whose signals therefore agree with it.</summary>
    public static IReadOnlyList<ImageFamily> BuiltOn(ImageFamily family) => family switch
    {
        ImageFamily.DockerHardened => [ImageFamily.Debian, ImageFamily.Alpine],
        ImageFamily.Distroless => [ImageFamily.Debian],
        ImageFamily.Bitnami => [ImageFamily.Debian, ImageFamily.Photon],
        ImageFamily.RapidFort => [ImageFamily.Debian, ImageFamily.Ubuntu, ImageFamily.Alpine, ImageFamily.Rhel, ImageFamily.Fedora],
        ImageFamily.IronBank => [ImageFamily.Rhel, ImageFamily.Ubuntu, ImageFamily.Debian, ImageFamily.Alpine],
        ImageFamily.UbuntuChiseled => [ImageFamily.Ubuntu],
        ImageFamily.Chainguard => [ImageFamily.Wolfi],
        _ => [],
    };

    /// <summary>The family an os-release <c>ID</c> names, with how exclusively it does so.</summary>
    public static (ImageFamily Family, double Strength)? FromOsReleaseId(string id) => id switch
    {
        "debian" => (ImageFamily.Debian, 0.6),
        "ubuntu" => (ImageFamily.Ubuntu, 0.6),
        "alpine" => (ImageFamily.Alpine, 0.6),
        "rhel" => (ImageFamily.Rhel, 0.6),
        "fedora" => (ImageFamily.Fedora, 0.6),
        "amzn" => (ImageFamily.AmazonLinux, 0.7),
        "azurelinux" or "mariner" => (ImageFamily.AzureLinux, 0.7),
        "photon" => (ImageFamily.Photon, 0.7),
        "wolfi" => (ImageFamily.Wolfi, 0.7),
        "chainguard" => (ImageFamily.Chainguard, 0.8),
        "minimos" => (ImageFamily.Minimus, 0.8),
        "echo" => (ImageFamily.Echo, 0.8),
        _ => null,
    };
}
