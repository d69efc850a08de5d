using Rampart.Core.Files;
using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>One package database found in an image.</summary>
internal sealed record PackageDatabase(PackageDatabaseFormat Format, string Path)
{
    private static readonly string[] RpmDirectories = ["/var/lib/rpm", "/usr/lib/sysimage/rpm", "/usr/share/rpm"];
    private static readonly string[] RpmFiles = ["rpmdb.sqlite", "Packages", "Packages.db"];

    /// <summary>Every database present, by the locations the reference scanners glob for.</summary>
    public static IReadOnlyList<PackageDatabase> FindAll(IFileView files)
    {
        var found = new List<PackageDatabase>();
        void AddIfRegular(PackageDatabaseFormat format, string path)
        {
            if (files.Find(path) is { IsRegular: true })
            {
                found.Add(new PackageDatabase(format, path));
            }
        }

        AddIfRegular(PackageDatabaseFormat.Dpkg, "/var/lib/dpkg/status");
        if (ImageText.Below(files, "/var/lib/dpkg/status.d").Any(e => e.IsRegular))
        {
            found.Add(new PackageDatabase(PackageDatabaseFormat.DpkgStatusDirectory, "/var/lib/dpkg/status.d/"));
        }

        AddIfRegular(PackageDatabaseFormat.Apk, "/lib/apk/db/installed");
        AddIfRegular(PackageDatabaseFormat.ApkUsrMerged, "/usr/lib/apk/db/installed");
        foreach (var directory in RpmDirectories)
        {
            foreach (var file in RpmFiles)
            {
                AddIfRegular(PackageDatabaseFormat.Rpm, $"{directory}/{file}");
            }
        }

        AddIfRegular(PackageDatabaseFormat.RpmManifest, "/var/lib/rpmmanifest/container-manifest-2");
        if (ImageText.Below(files, "/opt/bitnami").FirstOrDefault(IsBitnamiSpdx) is { } spdx)
        {
            found.Add(new PackageDatabase(PackageDatabaseFormat.BitnamiSpdx, spdx.Path));
        }

        AddIfRegular(PackageDatabaseFormat.ChiselManifest, "/var/lib/chisel/manifest.wall");
        AddIfRegular(PackageDatabaseFormat.RocksDpkgQuery, "/usr/share/rocks/dpkg.query");
        return found;
    }

    /// <summary>
    /// How far the format is from what the reference scanners (Trivy, Syft/Grype, osv-scalibr, Clair) all read:
    /// the reference's criterion C2 scale, 0 for the standard databases up to 0.9 for a dump only Canonical's tools read.
    /// </summary>
    public static double Opacity(PackageDatabaseFormat format) => format switch
    {
        PackageDatabaseFormat.Dpkg or PackageDatabaseFormat.Apk or PackageDatabaseFormat.Rpm => 0,
        PackageDatabaseFormat.DpkgStatusDirectory or PackageDatabaseFormat.ApkUsrMerged => 0.1,
        PackageDatabaseFormat.RpmManifest or PackageDatabaseFormat.BitnamiSpdx => 0.3,
        PackageDatabaseFormat.ChiselManifest => 0.7,
        PackageDatabaseFormat.RocksDpkgQuery => 0.9,
        _ => 1,
    };

    /// <summary>The most standard format among <paramref name="databases"/>, or <see cref="PackageDatabaseFormat.None"/>.</summary>
    public static PackageDatabaseFormat MostStandard(IReadOnlyList<PackageDatabase> databases) =>
        databases.Count == 0
            ? PackageDatabaseFormat.None
            : databases.OrderBy(d => Opacity(d.Format)).ThenBy(d => d.Format).First().Format;

    private static bool IsBitnamiSpdx(FileEntry entry) =>
        entry.IsRegular && ImagePath.FileName(entry.Path) is var name
        && name.StartsWith(".spdx-", StringComparison.Ordinal) && name.EndsWith(".spdx", StringComparison.Ordinal);
}
