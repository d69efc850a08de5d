using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SshPortExposedRuleTests
{
    private static readonly SshPortExposedRule Rule = new();

    [Fact]
    public void Exposing_22_is_reported_on_the_EXPOSE_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nEXPOSE 8080\nEXPOSE 22/tcp 443\n");
        var image = ImageFixture.DebianBase()
            .Step("EXPOSE map[8080/tcp:{}] # buildkit")
            .Step("EXPOSE map[22/tcp:{} 443/tcp:{}] # buildkit")
            .Config(c => c with { ExposedPorts = ["22/tcp", "443/tcp", "8080/tcp"] });

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(3, finding.Dockerfile?.Line);
        Assert.Contains("history[3] in the application layers", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_ports_pass_even_when_they_contain_22()
    {
        var image = ImageFixture.DebianBase().Config(c => c with { ExposedPorts = ["2222/tcp", "220/udp", "8022/tcp"] });

        Assert.Empty(image.Evaluate(Rule));
    }
}
