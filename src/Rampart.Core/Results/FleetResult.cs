using Rampart.Core.LockIn;

namespace Rampart.Core.Results;

/// <summary>Several images side by side: hardening totals and the fleet's lock-in.</summary>
/// <param name="ImageCount">Images scanned.</param>
/// <param name="MeanHardeningScore">Mean hardening score, to one decimal.</param>
/// <param name="WorstGrade">The worst grade among the images.</param>
/// <param name="Counts">Findings over all images.</param>
/// <param name="LockIn">Lock-in across the images that were assessed; null when none was.</param>
public sealed record FleetResult(int ImageCount, double MeanHardeningScore, string WorstGrade, SeverityCounts Counts, FleetLockIn? LockIn)
{
    public static FleetResult Of(IReadOnlyList<ImageResult> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new ArgumentException("A fleet needs at least one image.", nameof(images));
        }

        var profiles = images.Where(i => i.LockIn is not null).Select(i => i.LockIn!.ProfileOf(i.Reference)).ToList();
        return new FleetResult(
            images.Count,
            Math.Round(images.Average(i => i.Hardening.Score), 1),
            images.Select(i => i.Hardening.Grade).Max(StringComparer.Ordinal)!,
            images.Select(i => i.Hardening.Counts).Aggregate((a, b) => a.Add(b)),
            profiles.Count == 0 ? null : FleetLockIn.Of(profiles));
    }
}
