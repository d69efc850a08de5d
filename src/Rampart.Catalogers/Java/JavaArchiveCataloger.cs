using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Java;

/// <summary>
/// Maven artifacts in Java archives (reference sbom-catalogers.md §3.5): every <c>*.jar</c>, <c>*.war</c>,
/// <c>*.ear</c>, Jenkins plugin and the other archive kinds Syft reads, with the archives nested in them
/// (<c>WEB-INF/lib</c>, <c>BOOT-INF/lib</c>). purl <c>pkg:maven/groupId/artifactId@version</c>.
/// </summary>
/// <remarks>
/// The layer reader keeps each archive whole, up to the per-file limit of the file selection (32 MiB by default,
/// setting <c>limits.maxFileBytes</c>), within the image's retained-bytes budget; a bigger archive is skipped with a
/// warning. Nested archives are inflated one at a time within <see cref="JavaArchiveLimits"/>.
/// </remarks>
public sealed class JavaArchiveCataloger(JavaArchiveLimits limits) : ICataloger
{
    private static readonly EvidenceFiles Archives = new([.. JavaArchive.Extensions.Select(x => "**/*" + x)]);

    public JavaArchiveCataloger()
        : this(JavaArchiveLimits.Default)
    {
    }

    public string Id => "java-archive";

    public IReadOnlyList<string> ContentGlobs => Archives.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var archive in Archives.Matching(context.Files))
        {
            if (EvidenceFiles.Read(context.Files, archive, context.Logger) is not { } bytes)
            {
                continue;
            }

            packages.AddRange(JavaArchive.Read(bytes, archive.Path, limits, Log.For(context.Logger, archive.Path)).Select(artifact => new Package
            {
                Name = artifact.ArtifactId,
                Version = artifact.Version,
                Type = "maven",
                FoundBy = Id,
                Purl = new PackageUrl("maven", artifact.GroupId, artifact.ArtifactId, artifact.Version),
                Licenses = artifact.Licenses,
                Locations = [artifact.Location],
                Layer = archive.Layer,
            }));
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }
}
