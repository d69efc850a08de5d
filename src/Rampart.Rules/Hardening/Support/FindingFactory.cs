using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>Builds findings that carry their rule's id, references and remediation.</summary>
internal static class FindingFactory
{
    public static Finding Create(
        this RuleDescriptor descriptor,
        string title,
        string evidence,
        IReadOnlyList<FindingLocation> locations,
        DockerfileLocation? dockerfile,
        Severity? severity = null) => new()
        {
            RuleId = descriptor.Id,
            Severity = severity ?? descriptor.DefaultSeverity,
            Title = title,
            References = descriptor.References,
            Locations = locations,
            Dockerfile = dockerfile,
            Evidence = evidence,
            Remediation = descriptor.Remediation,
        };
}
