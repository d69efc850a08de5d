using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.DotNet;

/// <summary>NuGet packages of .NET applications, from their <c>*.deps.json</c> (reference sbom-catalogers.md §3.3).</summary>
public sealed class DotNetDepsCataloger : ICataloger
{
    private static readonly EvidenceFiles Manifests = new("**/*.deps.json");

    public string Id => "dotnet-deps";

    public IReadOnlyList<string> ContentGlobs => Manifests.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var manifest in Manifests.Matching(context.Files))
        {
            if (EvidenceFiles.Read(context.Files, manifest, context.Logger) is not { } bytes)
            {
                continue;
            }

            packages.AddRange(DepsJson.Parse(bytes.Span, Log.For(context.Logger, manifest.Path)).Select(package => new Package
            {
                Name = package.Name,
                Version = package.Version,
                Type = "nuget",
                FoundBy = Id,
                Purl = new PackageUrl("nuget", null, package.Name, package.Version),
                Locations = [manifest.Path],
                Layer = manifest.Layer,
                DependsOn = package.Dependencies,
            }));
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }
}
