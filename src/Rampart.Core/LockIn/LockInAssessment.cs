using Rampart.Core.Findings;

namespace Rampart.Core.LockIn;

/// <summary>The lock-in verdict on one image.</summary>
/// <param name="Reference">The image as the user named it.</param>
/// <param name="Score">0 to 100, higher is more locked in: 100 × Σ wᵢ·sᵢ / Σ wᵢ over the criteria.</param>
/// <param name="Level">The score read against <see cref="ModerateFrom"/> and <see cref="HighFrom"/>.</param>
/// <param name="Identity">Family, vendor and distribution, with the signals.</param>
/// <param name="Libc">The C library its loaders provide.</param>
/// <param name="PackageFormat">The most standard package database it carries.</param>
/// <param name="DefaultUser">The config's <c>User</c>, <c>root</c> when unset.</param>
/// <param name="Criteria">Each criterion's result, in registration order.</param>
/// <param name="ExitPath">The nearest mainstream base and what has no counterpart there.</param>
public sealed record LockInAssessment(
    string Reference,
    double Score,
    LockInLevel Level,
    ImageIdentity Identity,
    Libc Libc,
    PackageDatabaseFormat PackageFormat,
    string DefaultUser,
    IReadOnlyList<CriterionResult> Criteria,
    ExitPath ExitPath)
{
    /// <summary>
    /// Scores from here on are <see cref="LockInLevel.Moderate"/>: the middle of the widest gap between the calibration
    /// images a reviewer rates low and moderate (Rampart.Rules' LockInCalibration, rendered in RULES.md).
    /// </summary>
    public const double ModerateFrom = 41.5;

    /// <summary>Scores from here on are <see cref="LockInLevel.High"/>: the middle of the gap between moderate and high calibration images.</summary>
    public const double HighFrom = 49.5;

    public string Vendor => Identity.Vendor;

    public string Distro => Identity.Distro;

    /// <summary>The level of a 0–100 score.</summary>
    public static LockInLevel LevelOf(double score) =>
        score >= HighFrom ? LockInLevel.High : score >= ModerateFrom ? LockInLevel.Moderate : LockInLevel.Low;

    /// <summary>The facts the fleet view compares across images.</summary>
    public LockInProfile Profile =>
        new(Reference, Identity.Family, Vendor, Distro, Libc, PackageFormat, DefaultUser, Score);
}
