namespace Rampart.Core.Findings;

/// <summary>What a hardening rule checks and why; <c>rampart rules</c> and the rules document render it.</summary>
/// <param name="Id">Stable id, never reused: <c>RMP-H001</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="DefaultSeverity">Severity before policy overrides.</param>
/// <param name="Rationale">Why it matters, in a few sentences.</param>
/// <param name="Remediation">How to fix it, in one or two sentences.</param>
/// <param name="References">Ids of the same check elsewhere.</param>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    Severity DefaultSeverity,
    string Rationale,
    string Remediation,
    IReadOnlyList<string> References);
