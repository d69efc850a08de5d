using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Identification;

/// <summary>
/// Names an image's family and vendor from its signals read together (reference §2.6): vendor sentinel files,
/// labels, os-release (including rebranded NAME/PRETTY_NAME/HOME_URL under a mainstream ID), package database
/// location, repository hosts, package records and the default user. Pure over its inputs.
/// </summary>
public static class ImageIdentifier
{
    /// <summary>
    /// Combined strength from which a family competes on specificity: a product line with this much evidence
    /// wins over the distribution under it, however strong that distribution's own signals are.
    /// </summary>
    public const double Decisive = 0.5;

    /// <summary>The files whose bytes identification reads: the repository configuration.</summary>
    public static IReadOnlyList<string> ContentGlobs => RepositoryConfiguration.ContentGlobs;

    public static ImageIdentity Identify(ImageSnapshot snapshot, OsRelease? os, IReadOnlyList<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(packages);
        var files = snapshot.Files;
        var signals = new List<IdentitySignal>();
        AddOsRelease(os, signals);
        AddLabels(snapshot.Image.Config.Labels, signals);
        AddSentinels(files, signals);
        AddDatabases(files, os, signals);
        AddRepositories(RepositoryConfiguration.Read(files, packages), signals);
        AddPackageRecords(packages, signals);
        AddDefaultUser(snapshot.Image.Config.User, signals);

        var strengths = signals
            .GroupBy(s => s.Family)
            .ToDictionary(g => g.Key, g => Combine(g.Select(s => s.Strength)));
        var family = FamilyFacts.Precedence.FirstOrDefault(f => strengths.GetValueOrDefault(f) >= Decisive, ImageFamily.Unknown);
        if (family == ImageFamily.Unknown && strengths.Count > 0)
        {
            family = strengths.OrderByDescending(s => s.Value).ThenBy(s => Array.IndexOf(FamilyFacts.Precedence, s.Key)).First().Key;
        }

        var agreeing = FamilyFacts.BuiltOn(family).Append(family).ToHashSet();
        var confidence = Combine(signals.Where(s => agreeing.Contains(s.Family)).Select(s => s.Strength));
        var distro = os is null
            ? family == ImageFamily.Static ? "none" : "unknown"
            : string.IsNullOrEmpty(os.VersionId) ? os.Id : $"{os.Id} {os.VersionId}";
        return new ImageIdentity(
            family,
            FamilyFacts.VendorOf(family),
            distro,
            Math.Round(confidence, 3),
            signals.OrderByDescending(s => s.Strength).ThenBy(s => s.Family).ToList());
    }

    private static double Combine(IEnumerable<double> strengths) =>
        1 - strengths.Aggregate(1.0, (remaining, s) => remaining * (1 - s));

    private static void AddOsRelease(OsRelease? os, List<IdentitySignal> signals)
    {
        if (os is null)
        {
            return;
        }

        if (FamilyFacts.FromOsReleaseId(os.Id) is var (family, strength))
        {
            signals.Add(new IdentitySignal(family, SignalKind.OsRelease, $"ID={os.Id}", strength));
        }

        var homeUrl = os.Fields.GetValueOrDefault("HOME_URL") ?? string.Empty;
        if ((os.Name ?? string.Empty).StartsWith("Docker Hardened Images", StringComparison.Ordinal)
            || (os.PrettyName ?? string.Empty).StartsWith("Docker Hardened Images", StringComparison.Ordinal))
        {
            signals.Add(new IdentitySignal(ImageFamily.DockerHardened, SignalKind.OsRelease, $"NAME={os.Name}", 0.8));
        }

        if (homeUrl.Contains("docker.com/products/hardened-images", StringComparison.OrdinalIgnoreCase))
        {
            signals.Add(new IdentitySignal(ImageFamily.DockerHardened, SignalKind.OsRelease, $"HOME_URL={homeUrl}", 0.6));
        }

        if (os.PrettyName == "Distroless" || homeUrl.Contains("GoogleContainerTools/distroless", StringComparison.OrdinalIgnoreCase))
        {
            signals.Add(new IdentitySignal(ImageFamily.Distroless, SignalKind.OsRelease, $"PRETTY_NAME={os.PrettyName}, HOME_URL={homeUrl}", 0.8));
        }
    }

    private static void AddLabels(IReadOnlyDictionary<string, string> labels, List<IdentitySignal> signals)
    {
        void ByPrefix(string prefix, ImageFamily family, double strength)
        {
            var keys = labels.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            if (keys.Count > 0)
            {
                signals.Add(new IdentitySignal(family, SignalKind.Label, string.Join(", ", keys), strength));
            }
        }

        ByPrefix("com.docker.dhi.", ImageFamily.DockerHardened, 0.9);
        ByPrefix("mil.dso.ironbank.", ImageFamily.IronBank, 0.9);
        ByPrefix("dev.chainguard.", ImageFamily.Wolfi, 0.6);
        ByPrefix("com.vmware.cp.artifact.flavor", ImageFamily.Bitnami, 0.7);
        ByPrefix("com.redhat.component", ImageFamily.Rhel, 0.6);
        if (labels.GetValueOrDefault("org.opencontainers.image.base.name") is { } baseName
            && baseName.Contains("bitnami/", StringComparison.OrdinalIgnoreCase))
        {
            signals.Add(new IdentitySignal(ImageFamily.Bitnami, SignalKind.Label, $"org.opencontainers.image.base.name={baseName}", 0.6));
        }

        var vendor = labels.GetValueOrDefault("org.opencontainers.image.vendor") ?? string.Empty;
        if (vendor.Contains("Chainguard", StringComparison.OrdinalIgnoreCase))
        {
            signals.Add(new IdentitySignal(ImageFamily.Wolfi, SignalKind.Label, $"org.opencontainers.image.vendor={vendor}", 0.4));
        }
        else if (vendor.Contains("Red Hat", StringComparison.OrdinalIgnoreCase))
        {
            signals.Add(new IdentitySignal(ImageFamily.Rhel, SignalKind.Label, $"org.opencontainers.image.vendor={vendor}", 0.4));
        }
    }

    private static void AddSentinels(IFileView files, List<IdentitySignal> signals)
    {
        void IfExists(string path, ImageFamily family, double strength)
        {
            if (ImageText.Exists(files, path))
            {
                signals.Add(new IdentitySignal(family, SignalKind.SentinelFile, path, strength));
            }
        }

        IfExists("/usr/share/rapidfort/curated.json", ImageFamily.RapidFort, 0.9);
        IfExists("/opt/bitnami/.bitnami_components.json", ImageFamily.Bitnami, 0.9);
        IfExists("/var/lib/rpmmanifest/container-manifest-2", ImageFamily.AzureLinux, 0.7);
        IfExists("/var/lib/chisel/manifest.wall", ImageFamily.UbuntuChiseled, 0.9);
        IfExists("/usr/share/rocks/dpkg.query", ImageFamily.UbuntuChiseled, 0.5);
        IfExists("/.rock/metadata.yaml", ImageFamily.UbuntuChiseled, 0.5);
        IfExists("/root/buildinfo/content_manifests", ImageFamily.Rhel, 0.6);
        IfExists("/usr/share/buildinfo/content-sets.json", ImageFamily.Rhel, 0.6);
        IfExists("/etc/apk/keys/wolfi-signing.rsa.pub", ImageFamily.Wolfi, 0.6);
        IfExists("/etc/alpine-release", ImageFamily.Alpine, 0.5);
        IfExists("/etc/debian_version", ImageFamily.Debian, 0.3);
    }

    private static void AddDatabases(IFileView files, OsRelease? os, List<IdentitySignal> signals)
    {
        var databases = PackageDatabase.FindAll(files);
        var formats = databases.Select(d => d.Format).ToHashSet();
        foreach (var database in databases)
        {
            switch (database.Format)
            {
                case PackageDatabaseFormat.DpkgStatusDirectory when !formats.Contains(PackageDatabaseFormat.Dpkg):
                    signals.Add(new IdentitySignal(ImageFamily.Distroless, SignalKind.PackageDatabase, $"{database.Path} without /var/lib/dpkg/status", 0.5));
                    break;
                case PackageDatabaseFormat.ApkUsrMerged when !formats.Contains(PackageDatabaseFormat.Apk):
                    signals.Add(new IdentitySignal(ImageFamily.Minimus, SignalKind.PackageDatabase, $"{database.Path} without /lib/apk/db/installed", 0.6));
                    break;
                case PackageDatabaseFormat.BitnamiSpdx:
                    signals.Add(new IdentitySignal(ImageFamily.Bitnami, SignalKind.PackageDatabase, database.Path, 0.9));
                    break;
            }
        }

        if (os is null && databases.Count == 0 && Runtime.LibcOf(files) == Libc.None)
        {
            signals.Add(new IdentitySignal(ImageFamily.Static, SignalKind.PackageDatabase, "no os-release, no package database and no dynamic loader", 0.7));
        }
    }

    private static void AddRepositories(IReadOnlyList<RepositorySource> sources, List<IdentitySignal> signals)
    {
        foreach (var source in sources.DistinctBy(s => (s.Host, s.Access)))
        {
            (ImageFamily Family, double Strength)? pointsAt = source.Host switch
            {
                "packages.wolfi.dev" => (ImageFamily.Wolfi, 0.5),
                "apk.cgr.dev" or "virtualapk.cgr.dev" when source.Access == RepositoryAccess.Private => (ImageFamily.Chainguard, 0.6),
                "apk.cgr.dev" => (ImageFamily.Wolfi, 0.5),
                "dhi.io" => (ImageFamily.DockerHardened, 0.7),
                "cdn-ubi.redhat.com" or "cdn.redhat.com" => (ImageFamily.Rhel, 0.5),
                "packages.microsoft.com" when source.Uri.Contains("azurelinux", StringComparison.OrdinalIgnoreCase) || source.Uri.Contains("cbl-mariner", StringComparison.OrdinalIgnoreCase) => (ImageFamily.AzureLinux, 0.5),
                "packages.vmware.com" or "packages.broadcom.com" when source.Uri.Contains("photon", StringComparison.OrdinalIgnoreCase) => (ImageFamily.Photon, 0.5),
                _ when IsUnder(source.Host, "debian.org") => (ImageFamily.Debian, 0.4),
                _ when IsUnder(source.Host, "ubuntu.com") => (ImageFamily.Ubuntu, 0.4),
                _ when IsUnder(source.Host, "alpinelinux.org") => (ImageFamily.Alpine, 0.4),
                _ when IsUnder(source.Host, "amazonlinux.com") => (ImageFamily.AmazonLinux, 0.5),
                _ when IsUnder(source.Host, "fedoraproject.org") => (ImageFamily.Fedora, 0.4),
                _ => null,
            };
            if (pointsAt is var (family, strength))
            {
                signals.Add(new IdentitySignal(family, SignalKind.Repository, $"{source.Uri} in {source.File}", strength));
            }
        }
    }

    private static bool IsUnder(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    private static void AddPackageRecords(IReadOnlyList<Package> packages, List<IdentitySignal> signals)
    {
        var rapidFort = packages.Where(PackageMarkers.IsRapidFortRebuild).Select(p => $"{p.Name} {p.Version}").ToList();
        if (rapidFort.Count > 0)
        {
            signals.Add(new IdentitySignal(ImageFamily.RapidFort, SignalKind.PackageRecord, $"{rapidFort.Count} RapidFort-rebuilt versions, e.g. {rapidFort[0]}", 0.7));
        }

        if (packages.FirstOrDefault(p => p.Name == "wolfi-baselayout") is { } baselayout)
        {
            signals.Add(new IdentitySignal(ImageFamily.Wolfi, SignalKind.PackageRecord, $"package {baselayout.Name} {baselayout.Version}", 0.6));
        }
    }

    private static void AddDefaultUser(string? user, List<IdentitySignal> signals)
    {
        var uid = (user ?? string.Empty).Split(':')[0];
        (ImageFamily Family, double Strength, string Convention)? convention = uid switch
        {
            "1001" => (ImageFamily.Bitnami, 0.3, "Bitnami's non-root user"),
            "584792" or "_daemon_" => (ImageFamily.UbuntuChiseled, 0.4, "the shared daemon user of Ubuntu rocks"),
            "1654" => (ImageFamily.UbuntuChiseled, 0.3, "the app user of .NET chiseled images"),
            _ => null,
        };
        if (convention is var (family, strength, meaning))
        {
            signals.Add(new IdentitySignal(family, SignalKind.DefaultUser, $"User={user} ({meaning})", strength));
        }
    }
}
