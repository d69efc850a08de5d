using Rampart.Core.Findings;

namespace Rampart.Reporting.Sarif;

/// <summary>What the SARIF log needs beyond the results: rule texts, where they are documented, where the repository is.</summary>
public sealed record SarifOptions
{
    /// <summary>The hardening rules; each becomes a <c>reportingDescriptor</c> with its help. Rules found but missing here are described from their findings.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];

    /// <summary>The rules document, e.g. <c>https://github.com/OWNER/REPO/blob/main/src/Rampart.Rules/RULES.md</c>; each rule's <c>helpUri</c> points at its heading.</summary>
    public Uri? RulesDocumentUrl { get; init; }

    /// <summary>
    /// The repository root; absolute Dockerfile paths under it are written relative to it, as code scanning expects.
    /// Relative Dockerfile paths are taken as relative to the root already.
    /// </summary>
    public string? SourceRoot { get; init; }
}
