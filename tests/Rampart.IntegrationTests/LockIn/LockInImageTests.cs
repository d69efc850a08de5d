using Microsoft.Extensions.Logging.Abstractions;
using Rampart.Catalogers;
using Rampart.Catalogers.Distro;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Rules.LockIn;

namespace Rampart.IntegrationTests.LockIn;

/// <summary>
/// The lock-in thresholds against real Debian images from the engine: the minbase base image and the app built on it
/// must be low, at least as far from the moderate threshold as the calibration fixtures are.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class LockInImageTests(EngineFixture fixture)
{
    [SkippableTheory]
    [InlineData(EngineFixture.BaseImage)]
    [InlineData(EngineFixture.AppImage)]
    public async Task A_real_Debian_image_is_low_lock_in_clear_of_the_moderate_threshold(string image)
    {
        fixture.Require();
        var selection = new FileSelection(DefaultCatalogers.ContentGlobs.Concat(LockInCriteria.ContentGlobs));
        var snapshot = await new DockerEngineImageSource($"docker:{image}", fixture.Engine, ImageReaderOptions.Default).ReadAsync(selection, CancellationToken.None);
        var os = OsReleaseReader.Read(snapshot.Files, NullLogger.Instance);
        var packages = DefaultCatalogers.CatalogAll(new CatalogContext(snapshot.Files, os, NullLogger.Instance));

        var assessment = LockInEvaluator.Assess(LockInEvaluator.CreateContext(snapshot, os, packages, dockerfileBasePinned: null));

        Assert.Equal(ImageFamily.Debian, assessment.Identity.Family);
        Assert.Equal(LockInLevel.Low, assessment.Level);
        Assert.True(
            assessment.Score <= LockInAssessment.ModerateFrom - LockInCalibration.Margin,
            $"{image} scores {assessment.Score}: {string.Join("; ", assessment.Criteria.Select(c => $"{c.Id} {c.Score:0.##}"))}");
    }
}
