using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.LockIn.Identification;

namespace Rampart.Rules.LockIn;

/// <summary>Every lock-in criterion, one line each, in the order reports list them.</summary>
public static class LockInCriteria
{
    public static IReadOnlyList<ILockInCriterion> All { get; } =
    [
        new MainstreamDistributionCriterion(),
        new PackageDatabaseCriterion(),
        new PublicRepositoriesCriterion(),
        new ExtensibilityCriterion(),
        new LibcCriterion(),
        new SupplierConcentrationCriterion(),
        new VendorSpecificNamesCriterion(),
        new TraceabilityCriterion(),
        new RebuildabilityCriterion(),
        new ConventionDivergenceCriterion(),
        new SignatureOpennessCriterion(),
    ];

    /// <summary>The union of the files whose bytes identification and the criteria read.</summary>
    public static IReadOnlyList<string> ContentGlobs { get; } =
        All.SelectMany(c => c.ContentGlobs).Concat(ImageIdentifier.ContentGlobs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
