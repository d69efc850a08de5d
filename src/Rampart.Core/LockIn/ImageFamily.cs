namespace Rampart.Core.LockIn;

/// <summary>
/// The distribution or vendor product line an image is built on, as far as its own signals show.
/// Product lines built on another distribution (Docker Hardened Images, distroless, Bitnami, RapidFort, Iron Bank,
/// chiseled Ubuntu) are families of their own: the lock-in comes from the product, not from the distribution under it.
/// </summary>
public enum ImageFamily
{
    /// <summary>Signals too weak or contradictory to name a family.</summary>
    Unknown,
    Debian,
    Ubuntu,

    /// <summary>Ubuntu cut to slices by Canonical's Chisel (chiseled images, rocks).</summary>
    UbuntuChiseled,
    Alpine,

    /// <summary>Red Hat Enterprise Linux and its Universal Base Images.</summary>
    Rhel,
    Fedora,
    AmazonLinux,

    /// <summary>Azure Linux and its predecessor CBL-Mariner.</summary>
    AzureLinux,
    Photon,
    Wolfi,

    /// <summary>Chainguard OS, the production distribution of entitled Chainguard images.</summary>
    Chainguard,
    DockerHardened,

    /// <summary>Google's distroless images.</summary>
    Distroless,
    Bitnami,
    Minimus,
    RapidFort,
    Echo,
    IronBank,

    /// <summary>No distribution: a scratch image with static binaries.</summary>
    Static,
}
