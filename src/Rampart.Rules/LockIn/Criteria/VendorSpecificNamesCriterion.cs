using System.Globalization;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L007: how many installed OS packages exist under that name only at this vendor?</summary>
public sealed class VendorSpecificNamesCriterion : ILockInCriterion
{
    // The distribution whose own list an ecosystem's names belong in; without it the share is an upper bound.
    private static readonly Dictionary<string, string> HomeDistribution = new(StringComparer.Ordinal)
    {
        ["deb"] = "debian",
        ["apk"] = "alpine",
        ["rpm"] = "fedora",
    };

    private readonly IReadOnlyDictionary<string, PackageNameList>? _lists;

    /// <summary>Compares with the lists shipped in this assembly.</summary>
    public VendorSpecificNamesCriterion()
    {
    }

    /// <summary>Compares with <paramref name="lists"/>, by distribution id, instead of the shipped ones.</summary>
    internal VendorSpecificNamesCriterion(IReadOnlyDictionary<string, PackageNameList> lists)
    {
        _lists = lists;
    }

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L007",
        "Vendor-specific package names",
        "Unfamiliar package names break Dockerfile snippets, runbooks, allow-lists and scanners' CPE mapping, and "
        + "show a vendor-built distribution under a familiar id. The score is the share of installed OS packages "
        + "whose name and source name have no counterpart, exact or normalised (lower case, t64 and -dev/-devel/-libs/"
        + "-doc folded, digit runs alike), in the mainstream name lists shipped with Rampart (LockIn/Data: Debian's; "
        + "Alpine's once a maintainer makes it from APKINDEX files). Without the list of a package's own distribution "
        + "(Alpine for apk, Fedora for rpm) the share is an upper bound, and the evidence says which list is missing.",
        ["https://www.debian.org/distrib/packages", "repology/repology-updater repos.d", "docker-hardened-images/catalog"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shipped = _lists ?? PackageNameList.Shipped;
        var lists = shipped.Values.OrderBy(l => l.Distro, StringComparer.Ordinal).ToList();
        var packages = context.Packages.Where(p => HomeDistribution.ContainsKey(p.Type)).ToList();
        if (packages.Count == 0)
        {
            return CriterionResult.From(Descriptor, 0, "No OS packages to compare.");
        }

        var without = packages.Where(p => !lists.Any(l => l.HasCounterpart(p))).ToList();
        var specific = without.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var share = (double)without.Count / packages.Count;
        var missingLists = packages
            .Select(p => HomeDistribution[p.Type])
            .Distinct(StringComparer.Ordinal)
            .Where(d => !shipped.ContainsKey(d))
            .Order(StringComparer.Ordinal)
            .ToList();
        var compared = lists.Count == 0 ? "no name list" : string.Join("; ", lists.Select(l => l.Origin));
        var examples = specific.Count == 0 ? string.Empty : $": {string.Join(", ", specific.Take(8))}{(specific.Count > 8 ? ", ..." : string.Empty)}";
        var missing = string.Join(" or ", missingLists);
        var bound = missingLists.Count == 0 ? string.Empty
            : without.Count == 0 ? $" No {missing} name list is shipped; every name matched another list."
            : $" No {missing} name list is shipped, so names only those distributions use count here: an upper bound.";
        return CriterionResult.From(
            Descriptor,
            share,
            string.Create(CultureInfo.InvariantCulture, $"{without.Count} of {packages.Count} OS packages ({share:P0}) have no counterpart in {compared}{examples}.{bound}"));
    }
}
