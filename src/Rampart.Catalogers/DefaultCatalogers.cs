using Rampart.Catalogers.Apk;
using Rampart.Catalogers.Chisel;
using Rampart.Catalogers.Common;
using Rampart.Catalogers.Distro;
using Rampart.Catalogers.DotNet;
using Rampart.Catalogers.Dpkg;
using Rampart.Catalogers.Go;
using Rampart.Catalogers.Java;
using Rampart.Catalogers.Npm;
using Rampart.Catalogers.Php;
using Rampart.Catalogers.Python;
using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Ruby;
using Rampart.Catalogers.Rust;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers;

/// <summary>Every cataloger Rampart runs on an image, and the files they and <see cref="OsReleaseReader"/> read.</summary>
public static class DefaultCatalogers
{
    public static IReadOnlyList<ICataloger> All { get; } =
    [
        new DpkgCataloger(),
        new ApkCataloger(),
        new RpmCataloger(),
        new ChiselCataloger(),
        new NpmCataloger(),
        new PythonCataloger(),
        new DotNetDepsCataloger(),
        new JavaArchiveCataloger(),
        new GemspecCataloger(),
        new ComposerInstalledCataloger(),
        new GoBinaryCataloger(),
        new CargoAuditableCataloger(),
    ];

    /// <summary>The union of every cataloger's globs and the distribution files: what the layer reader must keep.</summary>
    public static IReadOnlyList<string> ContentGlobs { get; } =
        [.. All.SelectMany(c => c.ContentGlobs).Concat(OsReleaseReader.Globs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>What every cataloger has look at the bytes of files no glob names: the layer reader streams each regular file through them.</summary>
    public static IReadOnlyList<IContentInspector> Inspectors { get; } = [.. All.SelectMany(c => c.Inspectors)];

    /// <summary>Every cataloger's package databases, which the reader keeps beyond the per-file limit.</summary>
    public static IReadOnlyList<string> DatabaseGlobs { get; } = [.. All.SelectMany(c => c.DatabaseGlobs).Distinct(StringComparer.Ordinal)];

    /// <summary>Runs every cataloger over <paramref name="context"/>; the packages come in <see cref="PackageOrder"/>.</summary>
    public static IReadOnlyList<Package> CatalogAll(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = All.SelectMany(c => c.Catalog(context)).ToList();
        packages.Sort(PackageOrder.Instance);
        return packages;
    }
}
