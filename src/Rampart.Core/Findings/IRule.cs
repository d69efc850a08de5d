namespace Rampart.Core.Findings;

/// <summary>One hardening check over an image: a stable id, the files it needs and what it finds.</summary>
public interface IRule
{
    RuleDescriptor Descriptor { get; }

    /// <summary>
    /// Globs of the files whose bytes the rule reads; the layer reader keeps only these. Header facts (mode, owner,
    /// size, link target) of every path are always there, so rules that look only at those declare nothing.
    /// </summary>
    IReadOnlyList<string> ContentGlobs { get; }

    IEnumerable<Finding> Evaluate(RuleContext context);
}
