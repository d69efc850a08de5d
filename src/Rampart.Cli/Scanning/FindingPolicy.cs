using DotNet.Globbing;
using Rampart.Cli.Configuration;
using Rampart.Core.Findings;
using Rampart.Core.Packages;

namespace Rampart.Cli.Scanning;

/// <summary>
/// Applies a team's policy to what the rules found: disabled rules are dropped, severities re-rated, and waivers
/// mark findings as accepted until they expire. An expired waiver stops waiving and says so.
/// </summary>
internal sealed class FindingPolicy(PolicySettings policy, DateOnly today)
{
    public bool IsEnabled(IRule rule) => !policy.DisabledRules.Contains(rule.Descriptor.Id);

    public HardeningPolicy HardeningPolicy => new()
    {
        SetuidAllowList = new SortedSet<string>(HardeningPolicy.DefaultSetuidAllowList.Concat(policy.SetuidAllowList), StringComparer.Ordinal),
    };

    /// <summary>The findings with overrides and waivers applied, and a note for every expired waiver that matched.</summary>
    public (IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notes) Apply(IEnumerable<Finding> findings, IReadOnlyList<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        var applied = new List<Finding>();
        foreach (var finding in findings)
        {
            var rated = policy.SeverityOverrides.TryGetValue(finding.RuleId, out var severity) ? finding with { Severity = severity } : finding;
            foreach (var waiver in policy.Waivers.Where(w => Covers(w, rated, packages)))
            {
                if (waiver.Expires is { } expires && expires < today)
                {
                    notes.Add($"The waiver for {waiver.Rule}{Scope(waiver)} expired on {expires:yyyy-MM-dd}; its findings count again.");
                    continue;
                }

                rated = rated with { Waiver = new Waiver(waiver.Reason, waiver.Expires) };
                break;
            }

            applied.Add(rated);
        }

        return (applied, notes.ToList());
    }

    private static bool Covers(WaiverSettings waiver, Finding finding, IReadOnlyList<Package> packages)
    {
        if (!string.Equals(waiver.Rule, finding.RuleId, StringComparison.Ordinal))
        {
            return false;
        }

        var paths = finding.Locations.Select(l => l.Path).OfType<string>().ToList();
        if (waiver.Path is { } pattern)
        {
            var glob = Glob.Parse(pattern);
            if (!paths.Any(glob.IsMatch))
            {
                return false;
            }
        }

        if (waiver.Package is { } name)
        {
            var owned = packages.Where(p => p.Name == name).SelectMany(p => p.Files).ToHashSet(StringComparer.Ordinal);
            if (!paths.Any(owned.Contains))
            {
                return false;
            }
        }

        return true;
    }

    private static string Scope(WaiverSettings waiver) =>
        waiver.Path is not null ? $" on {waiver.Path}" : waiver.Package is not null ? $" on package {waiver.Package}" : string.Empty;
}
