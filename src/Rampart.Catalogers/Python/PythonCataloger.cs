using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Python;

/// <summary>
/// Installed Python distributions (reference sbom-catalogers.md §3.1): <c>*.dist-info/METADATA</c> and
/// <c>*.egg-info/PKG-INFO</c> anywhere, Debian's <c>dist-packages</c> included; owned files from the <c>RECORD</c>
/// beside a <c>METADATA</c>.
/// </summary>
public sealed class PythonCataloger : ICataloger
{
    private static readonly EvidenceFiles Metadata = new("**/*.dist-info/METADATA", "**/*.egg-info/PKG-INFO");

    public string Id => "python-installed";

    public IReadOnlyList<string> ContentGlobs { get; } = [.. Metadata.Globs, "**/*.dist-info/RECORD"];

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = new List<(FileEntry File, PythonMetadata Metadata)>();
        foreach (var file in Metadata.Matching(context.Files))
        {
            if (EvidenceFiles.Read(context.Files, file, context.Logger) is { } bytes
                && PythonMetadata.Parse(EvidenceFiles.Decode(bytes.Span), Log.For(context.Logger, file.Path)) is { } metadata)
            {
                found.Add((file, metadata));
            }
        }

        var installed = found
            .GroupBy(f => PythonMetadata.Normalize(f.Metadata.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Metadata.Name, StringComparer.Ordinal);
        var packages = found.Select(f => new Package
        {
            Name = f.Metadata.Name,
            Version = f.Metadata.Version,
            Type = "pypi",
            FoundBy = Id,
            Purl = new PackageUrl("pypi", null, PythonMetadata.Normalize(f.Metadata.Name), f.Metadata.Version),
            Licenses = f.Metadata.Licenses,
            Locations = [f.File.Path],
            Layer = f.File.Layer,
            Description = f.Metadata.Summary,
            Supplier = f.Metadata.Author,
            DependsOn = f.Metadata.Requires
                .Select(r => installed.GetValueOrDefault(PythonMetadata.Normalize(r)) ?? r)
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            Files = RecordedFiles(context, f.File),
        }).ToList();
        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    /// <summary><c>RECORD</c> is CSV <c>path,hash,size</c> with paths relative to the folder holding the dist-info.</summary>
    private static List<string> RecordedFiles(CatalogContext context, FileEntry metadata)
    {
        var distInfo = ImagePath.Parent(metadata.Path);
        if (!distInfo.EndsWith(".dist-info", StringComparison.Ordinal) || EvidenceFiles.ReadText(context.Files, distInfo + "/RECORD") is not { } record)
        {
            return [];
        }

        var sitePackages = ImagePath.Parent(distInfo);
        return record.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(RecordPath)
            .Where(path => path.Length > 0)
            .Select(path => ImagePath.Combine(sitePackages, path))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first CSV field; a quoted one (a path with a comma) runs to its closing quote.</summary>
    private static string RecordPath(string line)
    {
        if (!line.StartsWith('"'))
        {
            return line.Split(',')[0];
        }

        var close = line.IndexOf('"', 1);
        return close < 0 ? string.Empty : line[1..close];
    }
}
