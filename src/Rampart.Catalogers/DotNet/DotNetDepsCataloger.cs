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

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Manifests.CatalogEach(context, (manifest, bytes, warn) => DepsJson.Parse(bytes.Span, warn).Select(package => new Package
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
