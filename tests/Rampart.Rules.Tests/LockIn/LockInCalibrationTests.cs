using System.Reflection;
using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn;

/// <summary>The calibration table RULES.md shows is what the fixtures score today, and the thresholds fit it.</summary>
public sealed class LockInCalibrationTests
{
    private static readonly string[] FamilyFixtures = typeof(Families)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.ReturnType == typeof(TestImage) && m.GetParameters().Length == 0)
        .Select(m => m.Name)
        .ToArray();

    public static TheoryData<string> Fixtures() => [.. FamilyFixtures];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_ScoresAsDocumentedAndLandsInTheReviewersLevel(string fixture)
    {
        var documented = Assert.Single(LockInCalibration.Images, i => i.Fixture == fixture);

        var assessment = Families.ByName(fixture).Assess();

        Assert.Equal(documented.Score, assessment.Score);
        Assert.Equal(documented.Level, assessment.Level);
    }

    [Fact]
    public void Table_HasNoImageWithoutAFixture()
    {
        var elsewhere = LockInCalibration.Images.Select(i => i.Fixture).Except(FamilyFixtures, StringComparer.Ordinal);

        Assert.Equal(["tests/samples/debian-rootfs"], elsewhere);
    }

    [Fact]
    public void Thresholds_LieInTheMiddleOfTheGapsBetweenLevels()
    {
        double Gap(LockInLevel below, LockInLevel above) =>
            (LockInCalibration.Images.Where(i => i.Level == below).Max(i => i.Score) + LockInCalibration.Images.Where(i => i.Level == above).Min(i => i.Score)) / 2;

        Assert.Equal(LockInAssessment.ModerateFrom, Gap(LockInLevel.Low, LockInLevel.Moderate), 0.05);
        Assert.Equal(LockInAssessment.HighFrom, Gap(LockInLevel.Moderate, LockInLevel.High), 0.05);
        Assert.True(LockInCalibration.Margin >= 2.5, $"the nearest calibration image is {LockInCalibration.Margin} points from a threshold");
    }
}
