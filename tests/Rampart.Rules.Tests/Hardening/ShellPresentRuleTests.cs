using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class ShellPresentRuleTests
{
    private static readonly ShellPresentRule Rule = new();

    [Fact]
    public void Shells_are_reported_once_as_information_with_symlinks_resolved()
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Evaluate(Rule));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(["/usr/bin/dash", "/usr/bin/bash"], finding.Locations.Select(l => l.Path));
        Assert.All(finding.Locations, l => Assert.Equal(0, l.Layer));
    }

    [Fact]
    public void An_image_without_a_shell_passes()
    {
        var image = new ImageFixture().Layer("COPY app /app # buildkit", f => f.File("/app", "ELF", ImageFixture.Exec755));

        Assert.Empty(image.Evaluate(Rule));
    }
}
