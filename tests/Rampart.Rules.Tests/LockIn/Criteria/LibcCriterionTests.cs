using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.Tests.LockIn.Support;

namespace Rampart.Rules.Tests.LockIn.Criteria;

public sealed class LibcCriterionTests
{
    private readonly LibcCriterion _criterion = new();

    [Fact]
    public void Evaluate_Glibc_PassesAndNamesTheLoader()
    {
        var result = _criterion.Evaluate(Families.Debian().Context());

        Assert.Equal(CriterionStatus.Pass, result.Status);
        Assert.Contains("ld-linux-x86-64.so.2", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Musl_Warns()
    {
        var result = _criterion.Evaluate(Families.Alpine().Context());

        Assert.Equal(0.5, result.Score);
        Assert.Equal(CriterionStatus.Warn, result.Status);
    }

    [Fact]
    public void Evaluate_BothLoaders_Warns()
    {
        var image = Families.Debian().Program("/usr/lib/ld-musl-x86_64.so.1");

        var result = _criterion.Evaluate(image.Context());

        Assert.Equal(0.5, result.Score);
        Assert.Contains("/usr/lib/ld-musl-x86_64.so.1", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_GlibcLoaderWithoutLibc_Fails()
    {
        var image = new TestImage("broken").Program("/lib64/ld-linux-x86-64.so.2");

        Assert.Equal(1, _criterion.Evaluate(image.Context()).Score);
    }

    [Fact]
    public void Evaluate_DanglingLoaderSymlink_IsNoLoader()
    {
        var image = new TestImage("dangling").Symlink("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");

        Assert.Equal(0, _criterion.Evaluate(image.Context()).Score);
        Assert.Contains("No dynamic loader", _criterion.Evaluate(image.Context()).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StaticImage_Passes()
    {
        Assert.Equal(0, _criterion.Evaluate(Families.Static().Context()).Score);
    }
}
