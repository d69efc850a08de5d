using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class SignatureOpennessCriterionTests
{
    private readonly SignatureOpennessCriterion _criterion = new();

    [Fact]
    public void Evaluate_NothingVisibleOffline_ScoresAsUnsignedAndSaysWhy()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0.3, result.Score);
        Assert.Contains("not read offline", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DockerHardenedImage_PointsAtTheVendorsStore()
    {
        Assert.Equal(0.5, _criterion.Evaluate(Families.DockerHardenedDebian().Context()).Score);
    }

    [Fact]
    public void Evaluate_SigstoreEntryInRegistriesD_NamesTheVendorsStore()
    {
        var image = Families.Ubi().File("/etc/containers/registries.d/registry.access.redhat.com.yaml", """
            docker:
                 registry.access.redhat.com:
                     sigstore: https://access.redhat.com/webassets/docker/content/sigstore
            """);

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains("https://access.redhat.com/webassets/docker/content/sigstore", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentGlobs_AskForTheSignaturePolicyFiles()
    {
        Assert.Contains("/etc/containers/registries.d/*.yaml", _criterion.ContentGlobs);
    }
}
