using System.Buffers;
using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Apk;

/// <summary>
/// Alpine, Wolfi and Chainguard packages from apk's installed database (reference sbom-catalogers.md §2.3), at
/// <c>/lib/apk/db/installed</c> or, merged-usr, <c>/usr/lib/apk/db/installed</c>.
/// </summary>
public sealed class ApkCataloger : ICataloger
{
    private static readonly SearchValues<char> ConstraintStart = SearchValues.Create("<>=~");
    private static readonly EvidenceFiles Databases = new("**/lib/apk/db/installed");

    public string Id => "apk-db";

    public IReadOnlyList<string> ContentGlobs => Databases.Globs;

    public IReadOnlyList<string> DatabaseGlobs => Databases.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Databases.CatalogEach(context, (database, bytes, warn) =>
        {
            var entries = ApkDbParser.Parse(EvidenceFiles.Decode(bytes.Span), warn);
            var providers = ProvidersIndex(entries);
            return entries.Select(entry => ToPackage(entry, database, context.Os, providers));
        });

    private Package ToPackage(ApkEntry entry, FileEntry database, OsRelease? os, Dictionary<string, string> providers) => new()
    {
        Name = entry.Name,
        Version = entry.Version,
        Type = "apk",
        FoundBy = Id,
        Purl = PurlOf(entry, os),
        Licenses = Licenses(entry.License),
        Locations = [database.Path],
        Layer = database.Layer,
        Architecture = entry.Architecture,
        SourceName = entry.Origin,
        Supplier = entry.Maintainer,
        Description = entry.Description,
        DependsOn = Dependencies(entry, providers),
        Files = entry.Files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Syft's spelling: namespace is the os-release <c>ID</c> (alpine, wolfi, chainguard, ...), <c>upstream=</c> the origin when it differs.</summary>
    private static PackageUrl PurlOf(ApkEntry entry, OsRelease? os) =>
        new("apk", os?.Id ?? "alpine", entry.Name, entry.Version, Purls.Qualifiers(
            ("arch", entry.Architecture),
            ("distro", Purls.Distro(os)),
            ("upstream", entry.Origin == entry.Name ? null : entry.Origin)));

    /// <summary><c>L:</c> is an SPDX expression (kept whole) or, in older packages, names separated by spaces.</summary>
    private static List<string> Licenses(string? license)
    {
        if (license is null)
        {
            return [];
        }

        var isExpression = license.Contains(" AND ", StringComparison.Ordinal)
            || license.Contains(" OR ", StringComparison.Ordinal)
            || license.Contains(" WITH ", StringComparison.Ordinal)
            || license.Contains('(', StringComparison.Ordinal);
        return isExpression ? [license] : [.. license.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What each name, virtual name (<c>so:</c>, <c>cmd:</c>, <c>pc:</c>) and installed file path resolves to.</summary>
    private static Dictionary<string, string> ProvidersIndex(IReadOnlyList<ApkEntry> entries)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            index[entry.Name] = entry.Name;
        }

        foreach (var entry in entries)
        {
            foreach (var provided in entry.Provides)
            {
                index.TryAdd(StripConstraint(provided), entry.Name);
            }

            foreach (var file in entry.Files)
            {
                index.TryAdd(file.Path, entry.Name);
            }
        }

        return index;
    }

    /// <summary><c>D:</c> names without constraints, resolved to the installed package providing them; <c>!</c> conflicts are not dependencies.</summary>
    private static List<string> Dependencies(ApkEntry entry, Dictionary<string, string> providers)
    {
        var names = new List<string>();
        foreach (var dependency in entry.Dependencies)
        {
            if (dependency.StartsWith('!'))
            {
                continue;
            }

            var name = StripConstraint(dependency);
            var resolved = providers.GetValueOrDefault(name) ?? name;
            if (resolved.Length > 0 && resolved != entry.Name && !names.Contains(resolved, StringComparer.Ordinal))
            {
                names.Add(resolved);
            }
        }

        return names;
    }

    private static string StripConstraint(string dependency)
    {
        var end = dependency.AsSpan().IndexOfAny(ConstraintStart);
        return end < 0 ? dependency : dependency[..end];
    }
}
