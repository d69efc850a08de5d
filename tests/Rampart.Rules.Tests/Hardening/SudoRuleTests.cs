using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Core.Packages;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SudoRuleTests
{
    private static readonly SudoRule Rule = new();

    [Fact]
    public void An_installed_sudo_is_reported_with_its_package()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c apt-get install -y sudo # buildkit", f => f.File("/usr/bin/sudo", "ELF", ImageFixture.Exec755 | UnixFileMode.SetUser));
        Package[] packages = [new() { Name = "sudo", Version = "1.9.13p3-1+deb12u1", Type = "deb", FoundBy = "dpkg-db" }];

        var finding = Assert.Single(image.Evaluate(Rule, packages: packages));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal([new FindingLocation("/usr/bin/sudo", 1)], finding.Locations);
        Assert.Contains("package sudo 1.9.13p3-1+deb12u1", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_step_that_runs_sudo_is_reported_on_its_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN sudo apt-get update && \\\n    echo done\n");
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c sudo apt-get update &&     echo done # buildkit", _ => { });

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(2, finding.Dockerfile?.Line);
        Assert.Equal("history[2]", finding.Locations[0].Path);
    }

    [Theory]
    [InlineData("/bin/sh -c apt-get install -y sudo-ldap-docs")]
    [InlineData("/bin/sh -c echo 'no sudo here' > /etc/motd")]
    [InlineData("/bin/sh -c rm -f /usr/bin/sudo")]
    public void Mentioning_sudo_without_running_it_passes(string createdBy)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer(createdBy, _ => { }).Evaluate(Rule));
    }
}
