using Rampart.Core.Findings;

namespace Rampart.Rules.Tests.Hardening;

public sealed class HardeningScoreTests
{
    private static Finding Finding(string rule, Severity severity, Waiver? waiver = null) =>
        new() { RuleId = rule, Severity = severity, Title = "t", Waiver = waiver };

    [Fact]
    public void No_findings_score_100_and_grade_A()
    {
        Assert.Equal(new HardeningScore(100, 'A'), HardeningScore.From([]));
    }

    [Fact]
    public void Each_rule_costs_once_by_its_worst_unwaived_severity()
    {
        var findings = new[]
        {
            Finding("RMP-H003", Severity.Low),
            Finding("RMP-H003", Severity.Low),
            Finding("RMP-H003", Severity.Medium),
            Finding("RMP-H001", Severity.High),
            Finding("RMP-H011", Severity.Critical, new Waiver("test key, rotated", null)),
            Finding("RMP-H023", Severity.Info),
        };

        Assert.Equal(new HardeningScore(65, 'C'), HardeningScore.From(findings));
    }

    [Theory]
    [InlineData(90, 'A')]
    [InlineData(89, 'B')]
    [InlineData(75, 'B')]
    [InlineData(74, 'C')]
    [InlineData(60, 'C')]
    [InlineData(59, 'D')]
    [InlineData(40, 'D')]
    [InlineData(39, 'F')]
    [InlineData(0, 'F')]
    public void Grades_follow_the_documented_bands(int score, char grade)
    {
        Assert.Equal(grade, HardeningScore.GradeOf(score));
    }

    [Fact]
    public void The_score_never_drops_below_zero()
    {
        var findings = Enumerable.Range(1, 5).Select(i => Finding($"RMP-H00{i}", Severity.Critical));

        Assert.Equal(new HardeningScore(0, 'F'), HardeningScore.From(findings));
    }
}
