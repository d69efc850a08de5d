namespace Rampart.Core.Findings;

/// <summary>
/// One number and one letter for how exposed an image is. Each rule with unwaived findings costs points once, by the
/// worst severity among them: critical 50, high 25, medium 10, low 3, info 0. The score is 100 minus the costs, never
/// below 0. Grades: A from 90, B from 75, C from 60, D from 40, F below. Counting a rule once keeps a hundred
/// world-writable files from weighing more than one leaked key.
/// </summary>
public sealed record HardeningScore(int Score, char Grade)
{
    public static HardeningScore From(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var cost = findings
            .Where(f => f.Waiver is null)
            .GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Sum(g => CostOf(g.Max(f => f.Severity)));
        var score = Math.Max(0, 100 - cost);
        return new HardeningScore(score, GradeOf(score));
    }

    /// <summary>Points one rule costs when its worst unwaived finding has <paramref name="severity"/>.</summary>
    public static int CostOf(Severity severity) => severity switch
    {
        Severity.Critical => 50,
        Severity.High => 25,
        Severity.Medium => 10,
        Severity.Low => 3,
        _ => 0,
    };

    public static char GradeOf(int score) => score switch
    {
        >= 90 => 'A',
        >= 75 => 'B',
        >= 60 => 'C',
        >= 40 => 'D',
        _ => 'F',
    };
}
