using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class RemoteScriptPipedToShellRuleTests
{
    private static readonly RemoteScriptPipedToShellRule Rule = new();

    [Theory]
    [InlineData("curl -fsSL https://example.org/install.sh | sh")]
    [InlineData("wget -qO- https://example.org/install.sh | sudo bash -s -- --yes")]
    [InlineData("apt-get update && curl -sL https://deb.example.org/setup | bash - && apt-get install -y nodejs")]
    [InlineData("sh -c \"$(curl -fsSL https://example.org/install.sh)\"")]
    [InlineData("bash <(curl -fsSL https://example.org/install.sh)")]
    [InlineData("curl https://example.org/get.py | python3 -")]
    public void Piping_a_download_into_an_interpreter_is_reported_as_medium(string command)
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Layer($"/bin/sh -c {command}", _ => { }).Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(new FindingLocation("history[2]", 1), finding.Locations[0]);
    }

    [Theory]
    [InlineData("curl -fsSLo /tmp/install.sh https://example.org/install.sh && sha256sum -c sums && sh /tmp/install.sh")]
    [InlineData("curl -fsSL https://example.org/x.tgz | tar xz -C /opt")]
    [InlineData("echo 'curl x | sh' > /README")]
    public void Verified_downloads_and_extraction_pass(string command)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer($"/bin/sh -c {command}", _ => { }).Evaluate(Rule));
    }
}
