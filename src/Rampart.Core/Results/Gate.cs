using System.Globalization;
using Rampart.Core.Findings;

namespace Rampart.Core.Results;

/// <summary>Decides whether a scan fails the build. Separate from what is shown: a finding can be reported and not fail.</summary>
public static class Gate
{
    /// <summary>
    /// Fails when an image has an unwaived finding at <paramref name="failOn"/> or worse, or a lock-in level at
    /// <paramref name="failOnLockIn"/> or higher. Null thresholds never fail. One reason per image and rule, naming the
    /// worst severity, and one per image over the lock-in threshold.
    /// </summary>
    public static GateResult Evaluate(IReadOnlyList<ImageResult> images, Severity? failOn, LockInLevel? failOnLockIn)
    {
        ArgumentNullException.ThrowIfNull(images);
        var reasons = new List<GateReason>();
        foreach (var image in images)
        {
            if (failOn is { } threshold)
            {
                reasons.AddRange(image.Hardening.Findings
                    .Where(f => !f.Waived && f.Severity >= threshold)
                    .GroupBy(f => f.RuleId, StringComparer.Ordinal)
                    .Select(g => (RuleId: g.Key, Worst: g.Max(f => f.Severity), Count: g.Count()))
                    .OrderByDescending(r => r.Worst)
                    .ThenBy(r => r.RuleId, StringComparer.Ordinal)
                    .Select(r => new GateReason
                    {
                        Image = image.Reference,
                        RuleId = r.RuleId,
                        Severity = r.Worst,
                        Message = string.Create(
                            CultureInfo.InvariantCulture,
                            $"{image.Reference}: {r.RuleId} is {Name(r.Worst)} ({r.Count} {(r.Count == 1 ? "finding" : "findings")}), at or above --fail-on {Name(threshold)}"),
                    }));
            }

            if (failOnLockIn is { } level && image.LockIn is { } lockIn && lockIn.Level >= level)
            {
                reasons.Add(new GateReason
                {
                    Image = image.Reference,
                    LockInLevel = lockIn.Level,
                    Message = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{image.Reference}: lock-in is {Name(lockIn.Level)} (score {lockIn.Score:0.#}), at or above --fail-on-lockin {Name(level)}"),
                });
            }
        }

        return new GateResult { Failed = reasons.Count > 0, FailOn = failOn, FailOnLockIn = failOnLockIn, Reasons = reasons };
    }

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>The gate's verdict.</summary>
public sealed record GateResult
{
    public required bool Failed { get; init; }

    /// <summary>The hardening threshold applied; null when hardening findings never fail.</summary>
    public Severity? FailOn { get; init; }

    /// <summary>The lock-in threshold applied; null when lock-in never fails.</summary>
    public LockInLevel? FailOnLockIn { get; init; }

    public IReadOnlyList<GateReason> Reasons { get; init; } = [];

    /// <summary>Whether any reason names <paramref name="reference"/>.</summary>
    public bool FailedFor(string reference) => Reasons.Any(r => r.Image == reference);
}

/// <summary>Why the gate failed: an image and either a rule with its worst severity or a lock-in level.</summary>
public sealed record GateReason
{
    public required string Image { get; init; }

    public string? RuleId { get; init; }

    public Severity? Severity { get; init; }

    public LockInLevel? LockInLevel { get; init; }

    /// <summary>The reason in one sentence.</summary>
    public required string Message { get; init; }
}
