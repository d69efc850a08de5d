using Rampart.Core.Packages;

namespace Rampart.Catalogers.Common;

/// <summary>The one deterministic order of packages: type, name, version, then first location (all ordinal).</summary>
public sealed class PackageOrder : IComparer<Package>
{
    public static PackageOrder Instance { get; } = new();

    public int Compare(Package? x, Package? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byType = string.CompareOrdinal(x.Type, y.Type);
        if (byType != 0)
        {
            return byType;
        }

        var byName = string.CompareOrdinal(x.Name, y.Name);
        if (byName != 0)
        {
            return byName;
        }

        var byVersion = string.CompareOrdinal(x.Version, y.Version);
        return byVersion != 0 ? byVersion : string.CompareOrdinal(FirstLocation(x), FirstLocation(y));
    }

    private static string? FirstLocation(Package package) => package.Locations.Count > 0 ? package.Locations[0] : null;
}
