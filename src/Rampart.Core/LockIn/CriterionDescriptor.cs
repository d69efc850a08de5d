namespace Rampart.Core.LockIn;

/// <summary>
/// Documentation of one lock-in criterion: stable id, title, why it matters and where the claim comes from.
/// </summary>
public sealed record CriterionDescriptor(string Id, string Title, string Rationale, IReadOnlyList<string> References);
