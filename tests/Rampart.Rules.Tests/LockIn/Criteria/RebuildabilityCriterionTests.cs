using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class RebuildabilityCriterionTests
{
    private readonly RebuildabilityCriterion _criterion = new();

    [Fact]
    public void Evaluate_PinnedDockerfileAndPublicSource_Passes()
    {
        var image = Families.Static().Label("org.opencontainers.image.source", "https://github.com/example/app");

        var result = _criterion.Evaluate(image.Context(dockerfileBasePinned: true));

        Assert.Equal(0, result.Score);
        Assert.Contains("Dockerfile given", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DockerfileWithUnpinnedBase_CostsTheBasePart()
    {
        var image = Families.Static().Label("org.opencontainers.image.source", "https://github.com/example/app");

        Assert.Equal(0.3, _criterion.Evaluate(image.Context(dockerfileBasePinned: false)).Score, 6);
    }

    [Fact]
    public void Evaluate_BaseDigestLabel_CountsAsPinned()
    {
        var image = Families.Debian()
            .Label("org.opencontainers.image.base.digest", "sha256:" + new string('b', 64))
            .Label("org.opencontainers.image.source", "https://github.com/example/app");

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score, 6);
    }

    [Fact]
    public void Evaluate_ApkoImage_IsADeclarativeVendorBuild()
    {
        var result = _criterion.Evaluate(Families.Wolfi().Context());

        Assert.Equal(0.25 + 0.3, result.Score, 6);
        Assert.Contains("apko", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SourceLabelButPrivateRepository_SourcesAreNotOpen()
    {
        var result = _criterion.Evaluate(Families.ChainguardProduction().Context());

        Assert.Equal(0.25 + 0.3 + 0.2, result.Score, 6);
        Assert.Contains("need credentials", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoHistoryNoLabels_Fails()
    {
        var result = _criterion.Evaluate(Families.Echo().Context());

        Assert.Equal(1, result.Score, 6);
        Assert.Contains("no build history", result.Evidence, StringComparison.Ordinal);
    }
}
