using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class VerificationDisabledInImageRuleTests
{
    private static readonly VerificationDisabledInImageRule Rule = new();

    [Theory]
    [InlineData("NODE_TLS_REJECT_UNAUTHORIZED=0")]
    [InlineData("PYTHONHTTPSVERIFY=0")]
    [InlineData("GIT_SSL_NO_VERIFY=true")]
    [InlineData("PIP_TRUSTED_HOST=pypi.example.org")]
    [InlineData("npm_config_strict_ssl=false")]
    [InlineData("GOINSECURE=*.example.org")]
    public void Insecure_runtime_environment_is_high_on_the_ENV_line(string assignment)
    {
        var dockerfile = DockerfileParser.Parse($"FROM debian:12\nENV {assignment}\n");
        var image = ImageFixture.DebianBase().Step($"ENV {assignment} # buildkit").Config(c => c with { Env = ["PATH=/usr/bin", assignment] });

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(2, finding.Dockerfile?.Line);
    }

    [Theory]
    [InlineData("/etc/apt/apt.conf.d/99insecure", "APT::Get::AllowUnauthenticated \"true\";\n")]
    [InlineData("/etc/apt/sources.list.d/local.list", "deb [trusted=yes] http://repo.example.org/ stable main\n")]
    [InlineData("/etc/apt/sources.list.d/local.sources", "Types: deb\nURIs: http://repo.example.org/\nTrusted: yes\n")]
    [InlineData("/etc/yum.repos.d/internal.repo", "[internal]\nbaseurl=https://repo.example.org\ngpgcheck=0\n")]
    [InlineData("/etc/pip.conf", "[global]\ntrusted-host = pypi.example.org\n")]
    [InlineData("/root/.npmrc", "strict-ssl=false\n")]
    [InlineData("/root/.gitconfig", "[http]\n\tsslVerify = false\n")]
    public void Package_manager_configuration_that_skips_checks_is_reported(string path, string content)
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Layer("COPY . / # buildkit", f => f.File(path, content)).Evaluate(Rule));

        Assert.Equal([new FindingLocation(path, 1)], finding.Locations);
    }

    [Fact]
    public void Default_configuration_and_safe_values_pass()
    {
        var image = ImageFixture.DebianBase()
            .Layer("COPY . / # buildkit", f => f
                .File("/etc/apt/apt.conf.d/docker-clean", "DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb || true\"; };\n")
                .File("/etc/apt/sources.list.d/debian.sources", "Types: deb\nURIs: http://deb.debian.org/debian\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
                .File("/etc/yum.repos.d/base.repo", "[base]\ngpgcheck=1\n"))
            .Config(c => c with { Env = ["NODE_TLS_REJECT_UNAUTHORIZED=1", "GIT_SSL_NO_VERIFY=false"] });

        Assert.Empty(image.Evaluate(Rule));
    }
}
