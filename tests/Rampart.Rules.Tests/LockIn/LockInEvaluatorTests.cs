using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn;

public sealed class LockInEvaluatorTests
{
    [Fact]
    public void Assess_ScoresOrderAsAReviewerWould_DebianDistrolessWolfiThenAuthenticatedVendorRepository()
    {
        var debian = Families.Debian().Assess();
        var distroless = Families.Distroless().Assess();
        var wolfi = Families.Wolfi().Assess();
        var authenticated = Families.ChainguardProduction().Assess();

        Assert.True(debian.Score < distroless.Score, $"debian {debian.Score} < distroless {distroless.Score}");
        Assert.True(distroless.Score < wolfi.Score, $"distroless {distroless.Score} < wolfi {wolfi.Score}");
        Assert.True(wolfi.Score < authenticated.Score, $"wolfi {wolfi.Score} < authenticated {authenticated.Score}");
        Assert.Equal(
            [LockInLevel.Low, LockInLevel.Low, LockInLevel.Moderate, LockInLevel.High],
            new[] { debian, distroless, wolfi, authenticated }.Select(a => a.Level));
    }

    [Fact]
    public void Assess_Score_IsTheWeightedMeanOfTheCriteriaTimesOneHundred()
    {
        var assessment = Families.Wolfi().Assess();

        var expected = LockInCriteria.All.Zip(assessment.Criteria, (c, r) => c.Weight * r.Score).Sum()
            / LockInCriteria.All.Sum(c => c.Weight) * 100;
        Assert.Equal(Math.Round(expected, 1), assessment.Score);
        Assert.Equal(LockInCriteria.All.Select(c => c.Descriptor.Id), assessment.Criteria.Select(r => r.Id));
    }

    [Fact]
    public void Assess_OnlyChosenCriteria_AreWeighed()
    {
        var context = Families.Wolfi().Context();
        var libc = LockInCriteria.All.Single(c => c.Descriptor.Id == "RMP-L005");

        var assessment = LockInEvaluator.Assess(context, [libc]);

        Assert.Equal(0, assessment.Score);
        Assert.Single(assessment.Criteria);
    }

    [Fact]
    public void Assess_NoCriteria_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => LockInEvaluator.Assess(Families.Debian().Context(), []));
    }

    [Fact]
    public void Assess_RecordsVendorDistroLibcPackageFormatAndUser()
    {
        var assessment = Families.Alpine().Assess();

        Assert.Equal("Alpine", assessment.Vendor);
        Assert.Equal("alpine 3.20.3", assessment.Distro);
        Assert.Equal(Libc.Musl, assessment.Libc);
        Assert.Equal(PackageDatabaseFormat.Apk, assessment.PackageFormat);
        Assert.Equal("root", assessment.DefaultUser);
        Assert.Equal("alpine:3.20", assessment.Reference);
    }

    [Fact]
    public void Assess_DockerHardenedImage_ExitsToDebianWithoutItsVendorNamedRuntime()
    {
        var exit = Families.DockerHardenedDebian().Assess().ExitPath;

        Assert.Equal("debian:13-slim", exit.Base);
        Assert.True(exit.CounterpartDataShipped);
        Assert.Equal(["libpython-3.13-stdlib", "python-3.13"], exit.PackagesWithoutCounterpart);
    }

    [Fact]
    public void Assess_WolfiOnGlibc_ExitsToDebianNotMuslAlpine()
    {
        var exit = Families.Wolfi().Assess().ExitPath;

        Assert.Equal("debian:stable-slim", exit.Base);
        Assert.Equal(["wolfi-baselayout"], exit.PackagesWithoutCounterpart);
    }

    [Fact]
    public void Assess_AlpineExit_SaysItsNameListIsNotShipped()
    {
        var exit = Families.Alpine().Assess().ExitPath;

        Assert.Equal("alpine:3.20.3", exit.Base);
        Assert.False(exit.CounterpartDataShipped);
        Assert.Empty(exit.PackagesWithoutCounterpart);
        Assert.Contains("No alpine package-name list is shipped", exit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_StaticImage_ExitsToScratch()
    {
        Assert.Equal("scratch", Families.Static().Assess().ExitPath.Base);
    }

    [Theory]
    [InlineData(0, LockInLevel.Low)]
    [InlineData(41.4, LockInLevel.Low)]
    [InlineData(41.5, LockInLevel.Moderate)]
    [InlineData(49.4, LockInLevel.Moderate)]
    [InlineData(49.5, LockInLevel.High)]
    [InlineData(100, LockInLevel.High)]
    public void LevelOf_Score_FollowsTheDocumentedThresholds(double score, LockInLevel level)
    {
        Assert.Equal(level, LockInAssessment.LevelOf(score));
    }
}
