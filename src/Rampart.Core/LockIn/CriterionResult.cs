namespace Rampart.Core.LockIn;

/// <summary>How one criterion judged one image.</summary>
/// <param name="Id">The criterion's id.</param>
/// <param name="Title">The criterion's title.</param>
/// <param name="Score">0 to 1; 1 is the most locked in.</param>
/// <param name="Status">The score read against <see cref="CriterionResult.WarnFrom"/> and <see cref="CriterionResult.FailFrom"/>.</param>
/// <param name="Evidence">What was seen, in one or a few sentences a reviewer can check.</param>
public sealed record CriterionResult(string Id, string Title, double Score, CriterionStatus Status, string Evidence)
{
    /// <summary>Scores from here on warn.</summary>
    public const double WarnFrom = 0.25;

    /// <summary>Scores from here on fail.</summary>
    public const double FailFrom = 0.75;

    /// <summary>A result for <paramref name="descriptor"/> with the score clamped to 0..1 and the status that follows from it.</summary>
    public static CriterionResult From(CriterionDescriptor descriptor, double score, string evidence)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(evidence);
        var clamped = Math.Clamp(score, 0, 1);
        var status = clamped >= FailFrom ? CriterionStatus.Fail : clamped >= WarnFrom ? CriterionStatus.Warn : CriterionStatus.Pass;
        return new CriterionResult(descriptor.Id, descriptor.Title, clamped, status, evidence);
    }
}

/// <summary>Pass, warn or fail, as the results JSON spells them in lower case.</summary>
public enum CriterionStatus
{
    Pass,
    Warn,
    Fail,
}
