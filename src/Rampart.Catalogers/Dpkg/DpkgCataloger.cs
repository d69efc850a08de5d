using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Dpkg;

/// <summary>
/// Debian packages from dpkg's database (reference sbom-catalogers.md §2.2): <c>status</c> and distroless
/// <c>status.d/*</c>, owned files from <c>info/&lt;pkg&gt;[:arch].{list,md5sums,conffiles}</c>, licenses from
/// <c>/usr/share/doc/&lt;pkg&gt;/copyright</c>. A database below the image root (a chroot) is read with the files
/// around it.
/// </summary>
public sealed class DpkgCataloger : ICataloger
{
    private const string StatusSuffix = "/var/lib/dpkg/status";
    private const string StatusDirectorySuffix = "/var/lib/dpkg/status.d";

    private static readonly EvidenceFiles Databases = new("**" + StatusSuffix, "**" + StatusDirectorySuffix + "/*");

    public string Id => "dpkg-db";

    public IReadOnlyList<string> ContentGlobs { get; } =
    [
        .. Databases.Globs,
        "**/var/lib/dpkg/info/*.list",
        "**/var/lib/dpkg/info/*.md5sums",
        "**/var/lib/dpkg/info/*.conffiles",
        "**/usr/share/doc/*/copyright",
    ];

    public IReadOnlyList<string> DatabaseGlobs => Databases.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = new List<(FileEntry Database, string Root, DpkgEntry Entry)>();
        foreach (var database in Databases.Matching(context.Files))
        {
            if (ImagePath.Parent(database.Path).EndsWith(StatusDirectorySuffix, StringComparison.Ordinal) && database.Path.EndsWith(".md5sums", StringComparison.Ordinal))
            {
                continue;
            }

            if (EvidenceFiles.Read(context.Files, database, context.Logger) is not { } bytes)
            {
                continue;
            }

            var root = RootOf(database.Path);
            foreach (var entry in DpkgStatusParser.Parse(EvidenceFiles.Decode(bytes.Span), Log.For(context.Logger, database.Path)))
            {
                if (entry.IsInstalled)
                {
                    found.Add((database, root, entry));
                }
            }
        }

        var packages = new List<Package>();
        foreach (var sameRoot in found.GroupBy(f => f.Root, StringComparer.Ordinal))
        {
            var provides = ProvidesIndex(sameRoot.Select(f => f.Entry));
            foreach (var (database, root, entry) in sameRoot)
            {
                packages.Add(ToPackage(context, database, root, entry, provides));
            }
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    private Package ToPackage(CatalogContext context, FileEntry database, string root, DpkgEntry entry, Dictionary<string, string> provides)
    {
        var copyright = EvidenceFiles.ReadText(context.Files, $"{root}/usr/share/doc/{entry.Package}/copyright");
        return new Package
        {
            Name = entry.Package,
            Version = entry.Version,
            Type = "deb",
            FoundBy = Id,
            Purl = PurlOf(entry, context.Os),
            Licenses = copyright is null ? [] : DebianCopyrightParser.Parse(copyright),
            Locations = [database.Path],
            Layer = database.Layer,
            Architecture = entry.Architecture,
            SourceName = entry.Source,
            Supplier = entry.Maintainer,
            Description = entry.Summary,
            DependsOn = Dependencies(entry, provides),
            Files = OwnedFiles(context, database, root, entry),
        };
    }

    /// <summary>
    /// Syft's spelling (debian/package.go): namespace is the os-release <c>ID</c>, version as dpkg writes it (epoch
    /// included), <c>upstream=</c> the source, with its version when the paragraph gives one. Like Syft, no purl when
    /// the distribution is not Debian or declared like it.
    /// </summary>
    private static PackageUrl? PurlOf(DpkgEntry entry, OsRelease? os)
    {
        if (os is null || (os.Id != "debian" && !os.IdLike.Contains("debian", StringComparer.Ordinal)))
        {
            return null;
        }

        var upstream = entry.Source is null ? null : entry.SourceVersion is null ? entry.Source : $"{entry.Source}@{entry.SourceVersion}";
        return new PackageUrl("deb", os.Id, entry.Package, entry.Version, Purls.Qualifiers(
            ("arch", entry.Architecture),
            ("distro", Purls.Distro(os)),
            ("upstream", upstream)));
    }

    /// <summary>Package names and virtual names (<c>Provides</c>) to the installed package behind them; real names win.</summary>
    private static Dictionary<string, string> ProvidesIndex(IEnumerable<DpkgEntry> entries)
    {
        var list = entries.ToList();
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            index[entry.Package] = entry.Package;
        }

        foreach (var entry in list)
        {
            foreach (var virtualName in entry.Provides)
            {
                index.TryAdd(virtualName, entry.Package);
            }
        }

        return index;
    }

    /// <summary>
    /// <c>Pre-Depends</c> then <c>Depends</c>; of each requirement's alternatives the first one installed (directly or
    /// through <c>Provides</c>) names the dependency, or the first alternative as written when none is.
    /// </summary>
    private static List<string> Dependencies(DpkgEntry entry, Dictionary<string, string> provides)
    {
        var names = new List<string>();
        foreach (var alternatives in entry.PreDepends.Concat(entry.Depends))
        {
            var resolved = alternatives.Select(a => provides.GetValueOrDefault(a)).FirstOrDefault(p => p is not null) ?? alternatives[0];
            if (resolved != entry.Package && !names.Contains(resolved, StringComparer.Ordinal))
            {
                names.Add(resolved);
            }
        }

        return names;
    }

    private static List<string> OwnedFiles(CatalogContext context, FileEntry database, string root, DpkgEntry entry)
    {
        var info = root + "/var/lib/dpkg/info";
        var md5Directory = ImagePath.Parent(database.Path).EndsWith(StatusDirectorySuffix, StringComparison.Ordinal)
            ? ImagePath.Parent(database.Path)
            : info;
        var files = new SortedSet<string>(entry.Conffiles, StringComparer.Ordinal);
        if (InfoFile(context.Files, info, entry, ".list") is { } list)
        {
            files.UnionWith(DpkgInfoFiles.ParseList(list.Text));
        }

        if (InfoFile(context.Files, md5Directory, entry, ".md5sums") is { } md5Sums)
        {
            files.UnionWith(DpkgInfoFiles.ParseMd5Sums(md5Sums.Text, Log.For(context.Logger, md5Sums.Path)));
        }

        if (InfoFile(context.Files, info, entry, ".conffiles") is { } conffiles)
        {
            files.UnionWith(DpkgInfoFiles.ParseConffiles(conffiles.Text));
        }

        return [.. files];
    }

    /// <summary>dpkg names the files of a <c>Multi-Arch: same</c> package <c>name:arch.ext</c>, the others <c>name.ext</c>.</summary>
    private static (string Path, string Text)? InfoFile(IFileView files, string directory, DpkgEntry entry, string extension)
    {
        var candidates = entry.Architecture is { } arch && arch != "all"
            ? new[] { $"{directory}/{entry.Package}:{arch}{extension}", $"{directory}/{entry.Package}{extension}" }
            : [$"{directory}/{entry.Package}{extension}"];
        foreach (var path in candidates)
        {
            if (EvidenceFiles.ReadText(files, path) is { } text)
            {
                return (path, text);
            }
        }

        return null;
    }

    private static string RootOf(string databasePath)
    {
        var suffix = databasePath.EndsWith(StatusSuffix, StringComparison.Ordinal) ? StatusSuffix : StatusDirectorySuffix + "/" + ImagePath.FileName(databasePath);
        return databasePath[..^suffix.Length];
    }
}
