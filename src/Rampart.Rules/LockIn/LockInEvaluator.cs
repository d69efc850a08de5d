using Rampart.Core.Images;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn.Evidence;
using Rampart.Rules.LockIn.Identification;

namespace Rampart.Rules.LockIn;

/// <summary>Identifies an image and judges it on every criterion: the lock-in assessment.</summary>
public static class LockInEvaluator
{
    /// <summary>Identifies the image and gathers what the criteria read.</summary>
    /// <param name="snapshot">The image as read, with <see cref="LockInCriteria.ContentGlobs"/> kept.</param>
    /// <param name="os">The distribution the os-release cataloger found, if any.</param>
    /// <param name="packages">Every package the catalogers found.</param>
    /// <param name="dockerfileBasePinned">Null without a Dockerfile; else whether its FROM names a digest.</param>
    public static LockInContext CreateContext(ImageSnapshot snapshot, OsRelease? os, IReadOnlyList<Package> packages, bool? dockerfileBasePinned)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(packages);
        return new LockInContext(snapshot, os, packages, ImageIdentifier.Identify(snapshot, os, packages), dockerfileBasePinned);
    }

    /// <summary>Judges the image on <see cref="LockInCriteria.All"/> with their default weights.</summary>
    public static LockInAssessment Assess(LockInContext context) => Assess(context, LockInCriteria.All);

    /// <summary>Score = 100 × Σ wᵢ·sᵢ / Σ wᵢ over <paramref name="criteria"/>, rounded to one decimal.</summary>
    public static LockInAssessment Assess(LockInContext context, IReadOnlyList<ILockInCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Count == 0 || criteria.Sum(c => c.Weight) <= 0)
        {
            throw new ArgumentException("Lock-in needs at least one criterion with a positive weight.", nameof(criteria));
        }

        var results = criteria.Select(c => c.Evaluate(context)).ToList();
        var score = Math.Round(100 * criteria.Zip(results, (c, r) => c.Weight * r.Score).Sum() / criteria.Sum(c => c.Weight), 1);
        var files = context.Snapshot.Files;
        var libc = Runtime.LibcOf(files);
        var user = context.Snapshot.Image.Config.User;
        return new LockInAssessment(
            context.Snapshot.Image.Reference,
            score,
            LockInAssessment.LevelOf(score),
            context.Identity,
            libc,
            PackageDatabase.MostStandard(PackageDatabase.FindAll(files)),
            string.IsNullOrEmpty(user) ? "root" : user,
            results,
            ExitPaths.For(context, libc));
    }
}
