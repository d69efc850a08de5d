namespace Rampart.Core.LockIn;

/// <summary>Where and how an image records its installed OS packages; the sharpest line between standard and vendor tooling.</summary>
public enum PackageDatabaseFormat
{
    /// <summary>No package database at all.</summary>
    None,

    /// <summary><c>/var/lib/dpkg/status</c>.</summary>
    Dpkg,

    /// <summary><c>/var/lib/dpkg/status.d/*</c>, one file per package (distroless).</summary>
    DpkgStatusDirectory,

    /// <summary><c>/lib/apk/db/installed</c>.</summary>
    Apk,

    /// <summary><c>/usr/lib/apk/db/installed</c>, the usr-merged location (MinimOS).</summary>
    ApkUsrMerged,

    /// <summary><c>rpmdb.sqlite</c>, <c>Packages</c> or <c>Packages.db</c> under an rpm directory.</summary>
    Rpm,

    /// <summary><c>/var/lib/rpmmanifest/container-manifest-2</c> (Azure Linux and Mariner distroless).</summary>
    RpmManifest,

    /// <summary>Bitnami's in-image SPDX documents under <c>/opt/bitnami</c>.</summary>
    BitnamiSpdx,

    /// <summary><c>/var/lib/chisel/manifest.wall</c>, Chisel's zstd jsonwall.</summary>
    ChiselManifest,

    /// <summary><c>/usr/share/rocks/dpkg.query</c>, the dpkg-query dump of Ubuntu rocks.</summary>
    RocksDpkgQuery,
}
