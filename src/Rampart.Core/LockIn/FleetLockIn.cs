namespace Rampart.Core.LockIn;

/// <summary>
/// Lock-in across several images: how many different bases a team runs, and how much of it one vendor supplies.
/// Concentration (one vendor under everything) and heterogeneity (many unfamiliar bases) are both costs;
/// they are reported side by side, never netted.
/// </summary>
/// <param name="ImageCount">Images compared.</param>
/// <param name="Distros">Images per distribution release (<see cref="ReleaseOf"/>): <c>debian 12.11</c> and <c>debian 12.13</c> are one release.</param>
/// <param name="Vendors">Images per vendor.</param>
/// <param name="Libcs">Images per C library.</param>
/// <param name="PackageFormats">Images per package database format.</param>
/// <param name="DefaultUsers">Images per default user.</param>
/// <param name="LargestVendor">The vendor supplying the most images (ties: first by name).</param>
/// <param name="LargestVendorShare">Its share of the images, 0 to 1.</param>
/// <param name="Heterogeneity">
/// Normalised Shannon entropy of the distributions: −Σ pᵢ·log₂ pᵢ ÷ log₂ n over the n images;
/// 0 when every image shares one distribution, 1 when no two do.
/// </param>
/// <param name="SwitchingSurface">Distinct (family, libc, package format) combinations: each one a separate migration path.</param>
/// <param name="MeanScore">Mean lock-in score of the images.</param>
public sealed record FleetLockIn(
    int ImageCount,
    IReadOnlyList<FleetCount> Distros,
    IReadOnlyList<FleetCount> Vendors,
    IReadOnlyList<FleetCount> Libcs,
    IReadOnlyList<FleetCount> PackageFormats,
    IReadOnlyList<FleetCount> DefaultUsers,
    string LargestVendor,
    double LargestVendorShare,
    double Heterogeneity,
    int SwitchingSurface,
    double MeanScore)
{
    /// <summary>Compares <paramref name="images"/>; needs at least one.</summary>
    public static FleetLockIn Of(IEnumerable<LockInProfile> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var all = images.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("A fleet needs at least one image.", nameof(images));
        }

        var vendors = Count(all, p => p.Vendor);
        var distros = Count(all, p => ReleaseOf(p.Distro));
        var largest = vendors[0];
        return new FleetLockIn(
            all.Count,
            distros,
            vendors,
            Count(all, p => p.Libc.ToString().ToLowerInvariant()),
            Count(all, p => p.PackageFormat.ToString()),
            Count(all, p => p.DefaultUser),
            largest.Value,
            (double)largest.Images / all.Count,
            NormalisedEntropy(distros, all.Count),
            all.Select(p => (p.Family, p.Libc, p.PackageFormat)).Distinct().Count(),
            all.Average(p => p.Score));
    }

    /// <summary>
    /// The release a distribution string names, without point releases: <c>debian 12.11</c> → <c>debian 12</c>,
    /// <c>alpine 3.20.3</c> → <c>alpine 3.20</c>, <c>ubuntu 24.04</c> unchanged. Ubuntu, Alpine and openSUSE Leap number
    /// their releases major.minor; the others by the major version alone.
    /// </summary>
    public static string ReleaseOf(string distro)
    {
        ArgumentNullException.ThrowIfNull(distro);
        var space = distro.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return distro;
        }

        var id = distro[..space];
        var parts = distro[(space + 1)..].Split('.');
        var kept = id is "ubuntu" or "alpine" or "opensuse-leap" ? 2 : 1;
        return $"{id} {string.Join('.', parts.Take(kept))}";
    }

    private static List<FleetCount> Count(List<LockInProfile> images, Func<LockInProfile, string> key) =>
        images.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new FleetCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Images)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToList();

    private static double NormalisedEntropy(List<FleetCount> counts, int total)
    {
        if (total < 2)
        {
            return 0;
        }

        var entropy = -counts.Sum(c => (double)c.Images / total * Math.Log2((double)c.Images / total));
        return entropy / Math.Log2(total);
    }
}

/// <summary>How many images share one value.</summary>
public sealed record FleetCount(string Value, int Images);
