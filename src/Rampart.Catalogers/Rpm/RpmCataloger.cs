using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Rpm;

/// <summary>
/// RPM packages from the rpm database (reference sbom-catalogers.md §2.4) at <c>/var/lib/rpm</c>,
/// <c>/usr/lib/sysimage/rpm</c> or <c>/usr/share/rpm</c>: the sqlite backend of RHEL 9, Fedora and Amazon Linux 2023
/// (<c>rpmdb.sqlite</c>) and the Berkeley DB backend of RHEL and CentOS up to 8 and Amazon Linux 2 (<c>Packages</c>).
/// SUSE's NDB backend (<c>Packages.db</c>) is not read.
/// </summary>
public sealed class RpmCataloger : ICataloger
{
    private static readonly string[] Directories = ["**/var/lib/rpm", "**/usr/lib/sysimage/rpm", "**/usr/share/rpm"];

    private static readonly EvidenceFiles Databases = new([.. Directories.SelectMany(d => new[] { d + "/rpmdb.sqlite", d + "/Packages" })]);

    public string Id => "rpm-db";

    public IReadOnlyList<string> ContentGlobs { get; } = [.. Databases.Globs, .. Directories.Select(d => d + "/rpmdb.sqlite-wal")];

    public IReadOnlyList<string> DatabaseGlobs => ContentGlobs;

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var database in Databases.Matching(context.Files))
        {
            if (EvidenceFiles.Read(context.Files, database, context.Logger) is not { } bytes)
            {
                continue;
            }

            var warn = Log.For(context.Logger, database.Path);
            IReadOnlyList<byte[]> blobs;
            if (RpmSqliteDatabase.IsSqlite(bytes.Span))
            {
                blobs = RpmSqliteDatabase.ReadBlobs(bytes, EvidenceFiles.ReadBytes(context.Files, database.Path + "-wal"), warn);
            }
            else if (RpmBerkeleyDatabase.IsHashDatabase(bytes.Span))
            {
                blobs = RpmBerkeleyDatabase.ReadBlobs(bytes.Span, warn);
            }
            else
            {
                warn("neither an sqlite nor a Berkeley DB hash database, skipped");
                continue;
            }

            var entries = blobs
                .Select(blob => RpmHeader.Parse(blob, warn))
                .OfType<RpmHeader>()
                .Select(header => RpmEntry.FromHeader(header, warn))
                .OfType<RpmEntry>()
                .Where(entry => entry.Name != "gpg-pubkey")
                .ToList();
            var providers = ProvidersIndex(entries);
            packages.AddRange(entries.Select(entry => ToPackage(entry, database, context.Os, providers)));
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    private Package ToPackage(RpmEntry entry, FileEntry database, OsRelease? os, Dictionary<string, string> providers) => new()
    {
        Name = entry.Name,
        Version = (entry.Epoch is { } epoch ? $"{epoch}:" : string.Empty) + VersionRelease(entry),
        Type = "rpm",
        FoundBy = Id,
        Purl = PurlOf(entry, os),
        Licenses = entry.License is null ? [] : [entry.License],
        Locations = [database.Path],
        Layer = database.Layer,
        Architecture = entry.Architecture,
        SourceName = SourceName(entry.SourceRpm),
        Supplier = entry.Vendor,
        Description = entry.Summary,
        DependsOn = Dependencies(entry, providers),
        Files = entry.Files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
    };

    private static string VersionRelease(RpmEntry entry) => entry.Release is null ? entry.Version : $"{entry.Version}-{entry.Release}";

    /// <summary>
    /// Syft's spelling: version-release in the version, <c>epoch=</c> whenever the header has the tag,
    /// <c>upstream=</c> the source rpm file name; the namespace is the os-release <c>ID</c> with <c>rhel</c> written
    /// <c>redhat</c> and openSUSE's ids <c>opensuse</c>.
    /// </summary>
    private static PackageUrl PurlOf(RpmEntry entry, OsRelease? os) =>
        new("rpm", Namespace(os), entry.Name, VersionRelease(entry), Purls.Qualifiers(
            ("arch", entry.Architecture),
            ("distro", Purls.Distro(os)),
            ("epoch", entry.Epoch?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("upstream", entry.SourceRpm)));

    private static string? Namespace(OsRelease? os) => os?.Id switch
    {
        null => null,
        "rhel" => "redhat",
        var id when id.StartsWith("opensuse", StringComparison.Ordinal) => "opensuse",
        var id => id,
    };

    /// <summary><c>dbus-1.12.8-26.el8.src.rpm</c> was built from source package <c>dbus</c>.</summary>
    private static string? SourceName(string? sourceRpm)
    {
        if (sourceRpm is null)
        {
            return null;
        }

        var stem = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^".src.rpm".Length] : sourceRpm;
        var release = stem.LastIndexOf('-');
        var version = release > 0 ? stem.LastIndexOf('-', release - 1) : -1;
        return version > 0 ? stem[..version] : null;
    }

    /// <summary>Package names, PROVIDENAME capabilities and installed paths, to the package behind them.</summary>
    private static Dictionary<string, string> ProvidersIndex(List<RpmEntry> entries)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            index[entry.Name] = entry.Name;
        }

        foreach (var entry in entries)
        {
            foreach (var capability in entry.Provides.Concat(entry.Files))
            {
                index.TryAdd(capability, entry.Name);
            }
        }

        return index;
    }

    /// <summary>
    /// REQUIRENAME resolved to installed packages; rpm's own feature markers (<c>rpmlib(…)</c>) and
    /// <c>config(…)</c> self-requirements are not dependencies; what nothing provides stays as written.
    /// </summary>
    private static List<string> Dependencies(RpmEntry entry, Dictionary<string, string> providers)
    {
        var names = new List<string>();
        foreach (var requirement in entry.Requires)
        {
            if (requirement.StartsWith("rpmlib(", StringComparison.Ordinal) || requirement.StartsWith("config(", StringComparison.Ordinal))
            {
                continue;
            }

            var resolved = providers.GetValueOrDefault(requirement) ?? requirement;
            if (resolved != entry.Name && !names.Contains(resolved, StringComparer.Ordinal))
            {
                names.Add(resolved);
            }
        }

        return names;
    }
}
