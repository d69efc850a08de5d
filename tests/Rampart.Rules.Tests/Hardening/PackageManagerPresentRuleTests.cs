using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class PackageManagerPresentRuleTests
{
    private static readonly PackageManagerPresentRule Rule = new();

    [Fact]
    public void Package_managers_are_reported_once_as_information()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c x # buildkit", f => f.File("/sbin/apk", "ELF", ImageFixture.Exec755));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(["/usr/bin/apt-get", "/usr/bin/dpkg", "/sbin/apk"], finding.Locations.Select(l => l.Path));
    }

    [Fact]
    public void An_image_without_a_package_manager_passes()
    {
        var image = new ImageFixture().Layer("COPY app /app # buildkit", f => f.File("/usr/bin/app", "ELF", ImageFixture.Exec755));

        Assert.Empty(image.Evaluate(Rule));
    }
}
