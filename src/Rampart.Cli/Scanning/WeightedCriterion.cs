using Rampart.Core.LockIn;

namespace Rampart.Cli.Scanning;

/// <summary>A lock-in criterion whose weight the policy file set.</summary>
internal sealed class WeightedCriterion(ILockInCriterion criterion, double weight) : ILockInCriterion
{
    public CriterionDescriptor Descriptor => criterion.Descriptor;

    public double Weight => weight;

    public IReadOnlyList<string> ContentGlobs => criterion.ContentGlobs;

    public CriterionResult Evaluate(LockInContext context) => criterion.Evaluate(context);
}
