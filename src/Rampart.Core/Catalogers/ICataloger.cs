using Microsoft.Extensions.Logging;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Core.Catalogers;

/// <summary>Finds packages of one ecosystem in a read-only file view.</summary>
public interface ICataloger
{
    /// <summary>Stable id, recorded as each package's <see cref="Package.FoundBy"/>: <c>dpkg-db</c>.</summary>
    string Id { get; }

    /// <summary>The files whose bytes it reads; the layer reader keeps only these.</summary>
    IReadOnlyList<string> ContentGlobs { get; }

    /// <summary>Of <see cref="ContentGlobs"/>, the package databases: kept up to <see cref="FileSelection.MaxDatabaseBytes"/>, beyond the per-file limit.</summary>
    IReadOnlyList<string> DatabaseGlobs => [];

    /// <summary>What looks at the bytes of files no glob can name (executables anywhere) and keeps extracts; most need none.</summary>
    IReadOnlyList<IContentInspector> Inspectors => [];

    IEnumerable<Package> Catalog(CatalogContext context);
}

/// <summary>What a cataloger sees: the squashed files, the distribution when known, and where to report trouble.</summary>
public sealed record CatalogContext(IFileView Files, OsRelease? Os, ILogger Logger);
