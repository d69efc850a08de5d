using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Java;

/// <summary>
/// Maven artifacts in Java archives (reference sbom-catalogers.md §3.5): every <c>*.jar</c>, <c>*.war</c>,
/// <c>*.ear</c>, Jenkins plugin and the other archive kinds Syft reads, with the archives nested in them
/// (<c>WEB-INF/lib</c>, <c>BOOT-INF/lib</c>). purl <c>pkg:maven/groupId/artifactId@version</c>.
/// </summary>
/// <remarks>
/// The archives are not kept: <see cref="JavaArchiveInspector"/> reads them as the layers stream, whatever their size,
/// and keeps only their manifests and pom.properties, nested archives' included, within <see cref="JavaArchiveLimits"/>.
/// </remarks>
public sealed class JavaArchiveCataloger(JavaArchiveLimits limits) : ICataloger
{
    private static readonly EvidenceFiles Archives = new([.. JavaArchive.Extensions.Select(x => "**/*" + x)]);

    public JavaArchiveCataloger()
        : this(JavaArchiveLimits.Default)
    {
    }

    public string Id => "java-archive";

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IReadOnlyList<IContentInspector> Inspectors { get; } = [new JavaArchiveInspector(limits)];

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var archive in Archives.Matching(context.Files))
        {
            var warn = Log.For(context.Logger, archive.Path);
            if (context.Files.ReadExtract(archive, JavaArchiveInspector.InspectorName) is not { } extract)
            {
                if (archive.Size > 0)
                {
                    warn("not a zip archive (it does not start with a local file header), skipped");
                }

                continue;
            }

            packages.AddRange(JavaArchive.Read(extract, archive.Path, warn).Select(artifact => new Package
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
