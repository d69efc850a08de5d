using Rampart.Core.Findings;

namespace Rampart.Core.Results;

/// <summary>A hardening finding as the results file records it: the finding plus whether a waiver covers it.</summary>
public sealed record ReportedFinding
{
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>Ids of the same check in catalogs users know (Dockle, CIS, Trivy, hadolint).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<FindingLocation> Locations { get; init; } = [];

    public DockerfileLocation? Dockerfile { get; init; }

    /// <summary>Whether the base image or the application made it; unknown in results files written before findings had one.</summary>
    public FindingOrigin Origin { get; init; }

    /// <summary>What was seen, secrets already redacted.</summary>
    public string? Evidence { get; init; }

    public string? Remediation { get; init; }

    /// <summary>Whether a waiver in force covers the finding; waived findings are shown but never fail the gate.</summary>
    public required bool Waived { get; init; }

    /// <summary>The waiver, when <see cref="Waived"/>.</summary>
    public Waiver? Waiver { get; init; }

    /// <summary>The first path among the locations, which orders and identifies findings.</summary>
    public string? FirstPath => Locations.Select(l => l.Path).FirstOrDefault(p => p is not null);

    public static ReportedFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ReportedFinding
        {
            RuleId = finding.RuleId,
            Severity = finding.Severity,
            Title = finding.Title,
            References = finding.References,
            Locations = finding.Locations,
            Dockerfile = finding.Dockerfile,
            Origin = finding.Origin,
            Evidence = finding.Evidence,
            Remediation = finding.Remediation,
            Waived = finding.Waiver is not null,
            Waiver = finding.Waiver,
        };
    }

    /// <summary>
    /// What identifies the finding across two scans of different builds: the rule and the image paths it points at.
    /// Layers and Dockerfile lines move between builds, so they are left out.
    /// </summary>
    public string IdentityKey =>
        Locations.Count == 0
            ? $"{RuleId}\n{Dockerfile?.Path}"
            : $"{RuleId}\n{string.Join('\n', Locations.Select(l => l.Path))}";
}

/// <summary>The order every output lists findings in: severity (worst first), rule id, first path, Dockerfile line, title, evidence.</summary>
public sealed class ReportedFindingOrder : IComparer<ReportedFinding>
{
    public static ReportedFindingOrder Instance { get; } = new();

    public int Compare(ReportedFinding? x, ReportedFinding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = y.Severity.CompareTo(x.Severity);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.FirstPath, y.FirstPath);
        }

        if (order == 0)
        {
            order = Nullable.Compare(x.Dockerfile?.Line, y.Dockerfile?.Line);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Title, y.Title);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Evidence, y.Evidence);
    }
}
