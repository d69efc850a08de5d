using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Support;

internal static class Contexts
{
    public static CatalogContext For(IFileView files, OsRelease? os, ListLogger? logger = null) => new(files, os, logger ?? new ListLogger());

    public static OsRelease Os(string id, string? versionId, params string[] idLike) =>
        new(id, versionId, null, null, idLike, null, new Dictionary<string, string>());
}
