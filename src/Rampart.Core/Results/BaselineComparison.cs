using Rampart.Core.Findings;

namespace Rampart.Core.Results;

/// <summary>What changed in an image since a baseline: an earlier results file, an SBOM (packages only) or another image.</summary>
public sealed record BaselineComparison
{
    /// <summary>Where the baseline came from: a file path or an image reference.</summary>
    public required string Source { get; init; }

    /// <summary>The baseline image's reference.</summary>
    public required string Reference { get; init; }

    public required PackageChanges Packages { get; init; }

    /// <summary>New and resolved findings; null when the baseline has packages only (an SBOM).</summary>
    public FindingChanges? Findings { get; init; }

    public int? BaselineHardeningScore { get; init; }

    public string? BaselineGrade { get; init; }

    /// <summary>Current minus baseline hardening score; positive is better.</summary>
    public int? HardeningScoreDelta { get; init; }

    public double? BaselineLockInScore { get; init; }

    public LockInLevel? BaselineLockInLevel { get; init; }

    /// <summary>Current minus baseline lock-in score; positive is more locked in.</summary>
    public double? LockInScoreDelta { get; init; }

    /// <summary>Compares two full results of an image.</summary>
    public static BaselineComparison Compare(ImageResult baseline, ImageResult current, string source)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        return ComparePackages(baseline.Packages, baseline.Reference, current, source) with
        {
            Findings = FindingChanges.Between(baseline.Hardening.Findings, current.Hardening.Findings),
            BaselineHardeningScore = baseline.Hardening.Score,
            BaselineGrade = baseline.Hardening.Grade,
            HardeningScoreDelta = current.Hardening.Score - baseline.Hardening.Score,
            BaselineLockInScore = baseline.LockIn?.Score,
            BaselineLockInLevel = baseline.LockIn?.Level,
            LockInScoreDelta = baseline.LockIn is not null && current.LockIn is not null
                ? Math.Round(current.LockIn.Score - baseline.LockIn.Score, 1)
                : null,
        };
    }

    /// <summary>Compares only packages, for a baseline that has nothing else (an SBOM).</summary>
    public static BaselineComparison ComparePackages(IReadOnlyList<PackageEntry> baseline, string baselineReference, ImageResult current, string source)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        return new BaselineComparison
        {
            Source = source,
            Reference = baselineReference,
            Packages = PackageChanges.Between(baseline, current.Packages),
        };
    }
}

/// <summary>Packages added, removed, and present in both with a different version.</summary>
public sealed record PackageChanges(IReadOnlyList<PackageEntry> Added, IReadOnlyList<PackageEntry> Removed, IReadOnlyList<PackageUpgrade> Upgraded)
{
    /// <summary>
    /// Packages are matched by type and name. A name present on both sides with different versions is one upgrade (a
    /// downgrade too: versions are not ordered across ecosystems); versions on both sides are unchanged.
    /// </summary>
    public static PackageChanges Between(IReadOnlyList<PackageEntry> baseline, IReadOnlyList<PackageEntry> current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var before = ByName(baseline);
        var after = ByName(current);
        var added = new List<PackageEntry>();
        var removed = new List<PackageEntry>();
        var upgraded = new List<PackageUpgrade>();
        foreach (var key in before.Keys.Union(after.Keys).Order())
        {
            var old = before.GetValueOrDefault(key, []);
            var now = after.GetValueOrDefault(key, []);
            var gone = old.ExceptBy(now.Select(p => p.Version), p => p.Version, StringComparer.Ordinal).ToList();
            var come = now.ExceptBy(old.Select(p => p.Version), p => p.Version, StringComparer.Ordinal).ToList();
            if (gone.Count > 0 && come.Count > 0)
            {
                upgraded.Add(new PackageUpgrade(key.Type, key.Name, Versions(gone), Versions(come)));
            }
            else
            {
                removed.AddRange(gone);
                added.AddRange(come);
            }
        }

        return new PackageChanges(added, removed, upgraded);
    }

    public int Count => Added.Count + Removed.Count + Upgraded.Count;

    private static SortedDictionary<(string Type, string Name), List<PackageEntry>> ByName(IEnumerable<PackageEntry> packages)
    {
        var map = new SortedDictionary<(string Type, string Name), List<PackageEntry>>(
            Comparer<(string Type, string Name)>.Create((x, y) =>
            {
                var order = string.CompareOrdinal(x.Type, y.Type);
                return order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
            }));
        foreach (var package in packages.Order(PackageEntry.Order))
        {
            if (!map.TryGetValue((package.Type, package.Name), out var list))
            {
                map[(package.Type, package.Name)] = list = [];
            }

            if (!list.Exists(p => p.Version == package.Version))
            {
                list.Add(package);
            }
        }

        return map;
    }

    private static string Versions(List<PackageEntry> packages) => string.Join(", ", packages.Select(p => p.Version));
}

/// <summary>A package present in both with other versions: <paramref name="From"/> and <paramref name="To"/> list them, comma-separated.</summary>
public sealed record PackageUpgrade(string Type, string Name, string From, string To);

/// <summary>Findings that appeared and findings that went away, matched by <see cref="ReportedFinding.IdentityKey"/>.</summary>
public sealed record FindingChanges(IReadOnlyList<ReportedFinding> New, IReadOnlyList<ReportedFinding> Resolved)
{
    /// <summary>
    /// Matches findings by rule and image paths, counting repeats: two findings with one key before and three after make
    /// one new finding. Waived findings count like the others.
    /// </summary>
    public static FindingChanges Between(IReadOnlyList<ReportedFinding> baseline, IReadOnlyList<ReportedFinding> current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        return new FindingChanges(Surplus(current, baseline), Surplus(baseline, current));
    }

    private static List<ReportedFinding> Surplus(IReadOnlyList<ReportedFinding> side, IReadOnlyList<ReportedFinding> other)
    {
        var available = other.GroupBy(f => f.IdentityKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var surplus = new List<ReportedFinding>();
        foreach (var finding in side.Order(ReportedFindingOrder.Instance))
        {
            if (available.TryGetValue(finding.IdentityKey, out var left) && left > 0)
            {
                available[finding.IdentityKey] = left - 1;
            }
            else
            {
                surplus.Add(finding);
            }
        }

        return surplus;
    }
}
