namespace Rampart.Core.LockIn;

/// <summary>
/// One measurable aspect of vendor lock-in. Pure over the <see cref="LockInContext"/>: it reads only the file view,
/// the image config, the distribution and the packages, never the network.
/// </summary>
public interface ILockInCriterion
{
    /// <summary>Stable id (<c>RMP-L001</c>), title, rationale and references; <c>rampart rules</c> renders it.</summary>
    CriterionDescriptor Descriptor { get; }

    /// <summary>
    /// Default weight in the image's lock-in score (the weighted mean of all criteria); policy may override it.
    /// </summary>
    double Weight { get; }

    /// <summary>Globs of the files whose bytes it reads; the layer reader keeps only these.</summary>
    IReadOnlyList<string> ContentGlobs { get; }

    CriterionResult Evaluate(LockInContext context);
}
