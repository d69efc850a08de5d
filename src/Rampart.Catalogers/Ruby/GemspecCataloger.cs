using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Ruby;

/// <summary>
/// Installed Ruby gems (reference sbom-catalogers.md §3.6): the specifications RubyGems writes under each gem home's
/// <c>specifications/</c>, the <c>default/</c> gems shipped with Ruby and Debian's <c>rubygems-integration</c> included.
/// purl <c>pkg:gem/name@version</c>.
/// </summary>
public sealed class GemspecCataloger : ICataloger
{
    private static readonly EvidenceFiles Specifications = new("**/specifications/**/*.gemspec");

    public string Id => "ruby-gemspec";

    public IReadOnlyList<string> ContentGlobs => Specifications.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Specifications.CatalogEach(context, (file, bytes, warn) =>
            Gemspec.Parse(EvidenceFiles.Decode(bytes.Span), warn) is not { } gem
                ? []
                : [new Package
                {
                    Name = gem.Name,
                    Version = gem.Version,
                    Type = "gem",
                    FoundBy = Id,
                    Purl = new PackageUrl("gem", null, gem.Name, gem.Version),
                    Licenses = gem.Licenses,
                    Locations = [file.Path],
                    Layer = file.Layer,
                    Supplier = gem.Authors.Count > 0 ? string.Join(", ", gem.Authors) : null,
                    Description = gem.Summary,
                    DependsOn = gem.Dependencies,
                }]);
}
