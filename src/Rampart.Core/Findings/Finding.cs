namespace Rampart.Core.Findings;

/// <summary>One hardening problem, pointing at what to fix.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>One line saying what is wrong in this image, e.g. "Runs as root (USER is empty)".</summary>
    public required string Title { get; init; }

    /// <summary>Ids of the same check in catalogs users know: <c>CIS-DI-0001</c>, <c>CIS-4.1</c>, <c>DS002</c>, <c>DL3002</c>.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Files and layers the finding is about.</summary>
    public IReadOnlyList<FindingLocation> Locations { get; init; } = [];

    /// <summary>The Dockerfile line to fix, when a Dockerfile was given and the finding maps to one.</summary>
    public DockerfileLocation? Dockerfile { get; init; }

    /// <summary>Whether the base image or the application made it; <see cref="RuleContext.Evaluate"/> sets it from the layers when the rule did not.</summary>
    public FindingOrigin Origin { get; init; }

    /// <summary>What was seen, with any secret already redacted.</summary>
    public string? Evidence { get; init; }

    public string? Remediation { get; init; }

    /// <summary>Set when a policy waiver covers the finding; waived findings are shown but never fail the gate.</summary>
    public Waiver? Waiver { get; init; }
}

/// <summary>A path in the image and the layer that wrote it (base layer 0); either may be absent.</summary>
public sealed record FindingLocation(string? Path, int? Layer);

/// <summary>A line of the Dockerfile that was built.</summary>
public sealed record DockerfileLocation(string Path, int Line);

/// <summary>Why a finding is accepted, and until when.</summary>
public sealed record Waiver(string Reason, DateOnly? Expires);
