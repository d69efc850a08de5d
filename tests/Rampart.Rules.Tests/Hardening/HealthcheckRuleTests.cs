using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Core.Images;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class HealthcheckRuleTests
{
    private static readonly HealthcheckRule Rule = new();

    [Fact]
    public void A_missing_healthcheck_is_reported_as_low_on_the_final_FROM()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12 AS build\nRUN make\n\nFROM debian:12\nCOPY --from=build /out /app\n");

        var finding = Assert.Single(ImageFixture.DebianBase().Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(4, finding.Dockerfile?.Line);
        Assert.Equal([new FindingLocation("config.Healthcheck", null)], finding.Locations);
    }

    [Fact]
    public void HEALTHCHECK_NONE_counts_as_missing_and_names_its_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nHEALTHCHECK NONE\n");
        var image = ImageFixture.DebianBase()
            .Step("HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" \"0s\" '\\x00'} # buildkit")
            .Config(c => c with { Healthcheck = new HealthCheck(["NONE"], null, null, null) });

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Contains("disabled", finding.Title, StringComparison.Ordinal);
        Assert.Equal(2, finding.Dockerfile?.Line);
    }

    [Fact]
    public void A_healthcheck_inherited_or_set_passes()
    {
        var image = ImageFixture.DebianBase().Config(c => c with { Healthcheck = new HealthCheck(["CMD", "/app/health"], TimeSpan.FromSeconds(30), null, 3) });

        Assert.Empty(image.Evaluate(Rule));
    }
}
