using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SecretInLabelsRuleTests
{
    private static readonly SecretInLabelsRule Rule = new();

    private static ImageFixture WithLabels(params (string Key, string Value)[] labels) =>
        ImageFixture.DebianBase().Config(c => c with { Labels = labels.ToDictionary(l => l.Key, l => l.Value) });

    [Fact]
    public void A_token_in_a_label_is_reported_at_its_severity_on_the_LABEL_line()
    {
        var dockerfile = DockerfileParser.Parse($"FROM debian:12\nLABEL org.opencontainers.image.title=app \\\n      ci.token=\"{FakeSecrets.GitHubToken}\"\n");
        var image = WithLabels(("org.opencontainers.image.title", "app"), ("ci.token", FakeSecrets.GitHubToken))
            .Step($"LABEL org.opencontainers.image.title=app ci.token={FakeSecrets.GitHubToken} # buildkit");

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(2, finding.Dockerfile?.Line);
        Assert.StartsWith("ci.token=ghp_****;", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_named_label_is_reported_as_medium()
    {
        var finding = Assert.Single(WithLabels(("deploy.password", "hunter2-db-password")).Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Ordinary_OCI_labels_pass()
    {
        var image = WithLabels(
            ("org.opencontainers.image.source", "https://github.com/org/app"),
            ("org.opencontainers.image.revision", "3f2a9c1d0b8e7f6a5c4d3e2f1a0b9c8d7e6f5a4b"),
            ("org.opencontainers.image.authors", "team@example.org"),
            ("com.example.public-key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIk"));

        Assert.Empty(image.Evaluate(Rule));
    }
}
