using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Php;

/// <summary>
/// PHP packages Composer installed (reference sbom-catalogers.md §3.6): <c>vendor/composer/installed.json</c> in
/// both Composer 1 and 2 forms. Like Syft and Trivy for images, <c>composer.lock</c> is not read: it says what a
/// project wants, not what the image holds. purl <c>pkg:composer/vendor/name@version</c>, a name of more than two
/// segments joined with <c>-</c> as Syft does (php/package.go).
/// </summary>
public sealed class ComposerInstalledCataloger : ICataloger
{
    private static readonly EvidenceFiles Manifests = new("**/composer/installed.json");

    public string Id => "php-composer-installed";

    public IReadOnlyList<string> ContentGlobs => Manifests.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Manifests.CatalogEach(context, (manifest, bytes, warn) => ComposerInstalled.Parse(bytes.Span, warn).Select(package => new Package
        {
            Name = package.Name,
            Version = package.Version,
            Type = "composer",
            FoundBy = Id,
            Purl = PurlOf(package),
            Licenses = package.Licenses,
            Locations = [manifest.Path],
            Layer = manifest.Layer,
            Supplier = package.Authors.Count > 0 ? string.Join(", ", package.Authors) : null,
            Description = package.Description,
            DependsOn = package.Requires,
        }));

    private static PackageUrl PurlOf(ComposerPackage package)
    {
        var segments = package.Name.Split('/');
        return segments.Length == 1
            ? new PackageUrl("composer", null, package.Name, package.Version)
            : new PackageUrl("composer", segments[0], string.Join('-', segments[1..]), package.Version);
    }
}
