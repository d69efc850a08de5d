using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Npm;

/// <summary>
/// Installed npm packages: the <c>package.json</c> at the root of each package under a <c>node_modules</c> folder
/// (<c>node_modules/name</c> or <c>node_modules/@scope/name</c>; files deeper inside a package are not packages,
/// reference sbom-catalogers.md §3.2). Lock files are not read, as neither Syft nor Trivy does for images.
/// </summary>
public sealed class NpmCataloger : ICataloger
{
    private static readonly EvidenceFiles Manifests = new("**/node_modules/*/package.json", "**/node_modules/@*/*/package.json");

    public string Id => "npm-package-json";

    public IReadOnlyList<string> ContentGlobs => Manifests.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Manifests.CatalogEach(context, (manifest, bytes, warn) =>
        {
            if (NpmPackageJson.Parse(bytes.Span, warn) is not { } package)
            {
                return [];
            }

            var slash = package.Name.StartsWith('@') ? package.Name.IndexOf('/', StringComparison.Ordinal) : -1;
            return
            [
                new Package
                {
                    Name = package.Name,
                    Version = package.Version,
                    Type = "npm",
                    FoundBy = Id,
                    Purl = new PackageUrl("npm", slash > 0 ? package.Name[..slash] : null, slash > 0 ? package.Name[(slash + 1)..] : package.Name, package.Version),
                    Licenses = package.Licenses,
                    Locations = [manifest.Path],
                    Layer = manifest.Layer,
                    Description = package.Description,
                    DependsOn = package.Dependencies,
                },
            ];
        });
}
