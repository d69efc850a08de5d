using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SecretInHistoryRuleTests
{
    private static readonly SecretInHistoryRule Rule = new();

    [Fact]
    public void A_secret_build_argument_seen_by_a_RUN_is_reported_on_its_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nARG NPM_TOKEN\nRUN npm ci\n");
        var image = ImageFixture.DebianBase()
            .Step("ARG NPM_TOKEN=hunter2-db-password # buildkit")
            .Layer("RUN |1 NPM_TOKEN=hunter2-db-password /bin/sh -c npm ci # buildkit", _ => { });

        var findings = image.Evaluate(Rule, dockerfile);

        Assert.Equal(2, findings.Count);
        Assert.Equal([2, 3], findings.Select(f => f.Dockerfile?.Line));
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
        Assert.Equal("history[3]", findings[1].Locations[0].Path);
        Assert.Equal(1, findings[1].Locations[0].Layer);
    }

    [Fact]
    public void A_build_argument_holding_a_known_credential_is_reported_once_at_its_severity()
    {
        var image = ImageFixture.DebianBase().Layer($"|1 GH_TOKEN={FakeSecrets.GitHubToken} /bin/sh -c make", _ => { });

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("GitHub token in history[2]", finding.Title);
    }

    [Fact]
    public void A_credential_in_a_command_line_is_reported_at_its_severity()
    {
        var image = ImageFixture.DebianBase().Layer($"/bin/sh -c git clone https://{FakeSecrets.GitHubToken}@github.com/org/private.git", _ => { });

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("ghp_****", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ENV_secret_overwritten_later_is_still_reported()
    {
        var image = ImageFixture.DebianBase()
            .Step("ENV DB_PASSWORD=hunter2-db-password # buildkit")
            .Step("ENV DB_PASSWORD= # buildkit")
            .Config(c => c with { Env = ["DB_PASSWORD="] });

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Contains("Overwritten ENV DB_PASSWORD", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ENV_still_in_effect_is_left_to_the_environment_rule()
    {
        var image = ImageFixture.DebianBase()
            .Step($"ENV AWS_ACCESS_KEY_ID={FakeSecrets.AwsAccessKeyId} DB_PASSWORD=hunter2-db-password # buildkit")
            .Config(c => c with { Env = ["AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId, "DB_PASSWORD=hunter2-db-password"] });

        Assert.Empty(image.Evaluate(Rule));
    }

    [Theory]
    [InlineData("/bin/sh -c apt-get install -y libssl3=3.0.11-1~deb12u2 ca-certificates")]
    [InlineData("/bin/sh -c echo 'access.log = /var/log/app' >> /etc/app.conf")]
    [InlineData("ARG VERSION=1.2.3 # buildkit")]
    [InlineData("ARG GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5 # buildkit")]
    [InlineData("|1 TOKEN_FILE=/run/secrets/token /bin/sh -c make")]
    public void Package_pins_config_text_and_harmless_arguments_pass(string createdBy)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer(createdBy, _ => { }).Evaluate(Rule));
    }
}
