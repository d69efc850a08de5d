using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class VerificationDisabledInBuildRuleTests
{
    private static readonly VerificationDisabledInBuildRule Rule = new();

    [Theory]
    [InlineData("curl -fsSLk https://example.org/x -o /x")]
    [InlineData("curl --insecure https://example.org/x")]
    [InlineData("wget --no-check-certificate https://example.org/x")]
    [InlineData("pip install --trusted-host pypi.example.org flask")]
    [InlineData("python3 -m pip install --trusted-host=pypi.example.org flask")]
    [InlineData("apt-get install -y --allow-unauthenticated curl")]
    [InlineData("apt-get -o APT::Get::AllowUnauthenticated=true install -y curl")]
    [InlineData("apk add --allow-untrusted /tmp/x.apk")]
    [InlineData("rpm -i --nosignature /tmp/x.rpm")]
    [InlineData("dnf install -y --nogpgcheck x")]
    [InlineData("npm config set strict-ssl false")]
    [InlineData("yarn config set strict-ssl false")]
    [InlineData("git -c http.sslVerify=false clone https://git.example.org/x")]
    [InlineData("git config --global http.sslverify false")]
    [InlineData("NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci")]
    [InlineData("export GIT_SSL_NO_VERIFY=1 && git clone https://git.example.org/x")]
    public void Disabling_verification_in_a_step_is_reported_as_medium(string command)
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Layer($"RUN /bin/sh -c {command} # buildkit", _ => { }).Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("history[2]", finding.Locations[0].Path);
    }

    [Theory]
    [InlineData("curl -fsSL -o /kube https://example.org/k")]
    [InlineData("echo 'never use curl --insecure' > /README")]
    [InlineData("wget -q https://example.org/x")]
    [InlineData("apt-get install -y --no-install-recommends curl")]
    [InlineData("npm config set strict-ssl true")]
    [InlineData("curl --key /client.key https://example.org/x")]
    public void Verified_downloads_and_mentions_pass(string command)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer($"RUN /bin/sh -c {command} # buildkit", _ => { }).Evaluate(Rule));
    }

    [Fact]
    public void The_finding_is_put_on_the_RUN_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN curl -k https://example.org/x \\\n    | tar x\n");
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c curl -k https://example.org/x     | tar x # buildkit", _ => { });

        Assert.Equal(2, Assert.Single(image.Evaluate(Rule, dockerfile)).Dockerfile?.Line);
    }
}
