using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class WorldWritableRuleTests
{
    private const UnixFileMode WorldWritableDirectory = ImageFixture.Dir755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private static readonly WorldWritableRule Rule = new();

    [Fact]
    public void Sticky_tmp_directories_and_symlinks_pass()
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }

    [Fact]
    public void A_world_writable_directory_without_sticky_bit_is_reported()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c chmod 777 /app # buildkit", f => f.Directory("/app", WorldWritableDirectory));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("without sticky bit", finding.Title, StringComparison.Ordinal);
        Assert.Equal([new FindingLocation("/app", 1)], finding.Locations);
    }

    [Fact]
    public void A_world_writable_file_is_reported_but_not_inside_tmp()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c chmod 666 files # buildkit", f => f
            .File("/app/run.sh", "#!/bin/sh", ImageFixture.Exec755 | UnixFileMode.OtherWrite)
            .File("/tmp/scratch", "x", ImageFixture.File644 | UnixFileMode.OtherWrite));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal("/app/run.sh", finding.Locations[0].Path);
        Assert.Contains("0757", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_writable_directory_passes()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c chmod g=u /app # buildkit", f => f.Directory("/app", ImageFixture.Dir755 | UnixFileMode.GroupWrite));

        Assert.Empty(image.Evaluate(Rule));
    }
}
