using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class RunsAsRootRuleTests
{
    private static readonly RunsAsRootRule Rule = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("0")]
    [InlineData("0:0")]
    [InlineData("root:root")]
    [InlineData("0:1000")]
    [InlineData(" root ")]
    public void Every_spelling_of_root_is_reported_as_high(string? user)
    {
        var findings = ImageFixture.DebianBase().Config(c => c with { User = user }).Evaluate(Rule);

        var finding = Assert.Single(findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("RMP-H001", finding.RuleId);
        Assert.Contains(finding.Locations, l => l.Path == "config.User");
        Assert.NotNull(finding.Remediation);
    }

    [Theory]
    [InlineData("10001")]
    [InlineData("10001:10001")]
    [InlineData("daemon")]
    [InlineData("nobody:nogroup")]
    public void Unprivileged_users_pass(string user)
    {
        Assert.Empty(ImageFixture.DebianBase().Config(c => c with { User = user }).Evaluate(Rule));
    }

    [Fact]
    public void A_name_that_passwd_maps_to_uid_zero_is_root()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c echo toor >> /etc/passwd # buildkit", f => f.File("/etc/passwd", "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n"))
            .Config(c => c with { User = "toor" });

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("UID 0", finding.Title, StringComparison.Ordinal);
        Assert.Contains(finding.Locations, l => l.Path == "/etc/passwd" && l.Layer == 1);
    }

    [Fact]
    public void A_name_missing_from_passwd_is_reported_as_medium()
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Config(c => c with { User = "app" }).Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("no such account", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_says_whether_the_application_or_the_base_set_the_user()
    {
        var fromApp = ImageFixture.DebianBase().Step("USER root # buildkit").Config(c => c with { User = "root" }).Evaluate(Rule);
        var fromBase = ImageFixture.DebianBase().Config(c => c with { User = "" }).Evaluate(Rule);

        Assert.Contains("history[2] in the application layers", Assert.Single(fromApp).Evidence, StringComparison.Ordinal);
        Assert.Contains("(base image)", Assert.Single(fromBase).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_finding_is_put_on_the_last_USER_line_of_the_final_stage()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12 AS build\nUSER 1000\nFROM debian:12\nUSER 1000\nRUN true\nUSER root\n");

        var finding = Assert.Single(ImageFixture.DebianBase().Config(c => c with { User = "root" }).Evaluate(Rule, dockerfile));

        Assert.Equal(new DockerfileLocation("Dockerfile", 6), finding.Dockerfile);
    }

    [Fact]
    public void Without_a_USER_line_the_finding_is_put_on_the_final_FROM()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12 AS build\nUSER 1000\nFROM debian:12\nRUN true\n");

        var finding = Assert.Single(ImageFixture.DebianBase().Evaluate(Rule, dockerfile));

        Assert.Equal(3, finding.Dockerfile?.Line);
    }
}
