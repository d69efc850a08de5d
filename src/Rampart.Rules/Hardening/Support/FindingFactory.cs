using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>
/// Builds findings that carry their rule's id, references and remediation. A rule gives the origin only when its
/// locations' layers do not tell it (<see cref="RuleContext.Evaluate"/>): a config value or a build step.
/// </summary>
internal static class FindingFactory
{
    public static Finding Create(
        this RuleDescriptor descriptor,
        string title,
        string evidence,
        IReadOnlyList<FindingLocation> locations,
        DockerfileLocation? dockerfile,
        Severity? severity = null,
        FindingOrigin origin = FindingOrigin.Unknown) => new()
        {
            RuleId = descriptor.Id,
            Severity = severity ?? descriptor.DefaultSeverity,
            Title = title,
            References = descriptor.References,
            Locations = locations,
            Dockerfile = dockerfile,
            Evidence = evidence,
            Remediation = descriptor.Remediation,
            Origin = origin,
        };

    /// <summary>A finding about a build step: at its history entry and the layer it wrote, on its Dockerfile line, with its origin.</summary>
    public static Finding Create(this RuleDescriptor descriptor, string title, string evidence, HistoryStep step, RuleContext context, Severity? severity = null) =>
        descriptor.Create(title, evidence, [step.Location], context.LineOfHistory(step.Index), severity, step.Origin);
}
