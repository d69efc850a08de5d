using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class PackageDatabaseCriterionTests
{
    private readonly PackageDatabaseCriterion _criterion = new();

    [Fact]
    public void Evaluate_StandardDatabaseListingEveryProgram_Passes()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(0, result.Score);
        Assert.Contains("accounts for 6 of 6 executable files", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ProgramsTheDatabaseDoesNotList_AddHalfTheirShare()
    {
        var image = Families.Debian().Program("/usr/local/bin/agent").Program("/opt/vendor/tool");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.5 * 2 / 8, result.Score, 3);
        Assert.Contains("/opt/vendor/tool", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DistrolessStatusDirectory_ScoresTheFormatsOpacity()
    {
        var result = _criterion.Evaluate(Families.Distroless().Context());

        Assert.Equal(0.1, result.Score, 3);
        Assert.Contains("DpkgStatusDirectory", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RpmManifestWithoutFileLists_AddsTheUnlistedPrograms()
    {
        var result = _criterion.Evaluate(Families.AzureLinuxDistroless().Context());

        Assert.Equal(0.3 + 0.5, result.Score, 3);
    }

    [Fact]
    public void Evaluate_ChiselManifestAlone_IsReadByAlmostNoScanner()
    {
        var image = new TestImage("chisel-only").File("/var/lib/chisel/manifest.wall", "(zstd)");

        Assert.Equal(0.7, _criterion.Evaluate(image.Context()).Score, 3);
    }

    [Fact]
    public void Evaluate_NoDatabaseBesideADynamicLoader_Fails()
    {
        var image = new TestImage("stripped").Symlink("/lib", "usr/lib").Glibc().Program("/usr/bin/app");

        Assert.Equal(1, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_StaticImage_ScoresItsEmbeddedBuildInfoOnly()
    {
        Assert.Equal(0.3, _criterion.Evaluate(Families.Static().Context()).Score, 3);
    }
}
