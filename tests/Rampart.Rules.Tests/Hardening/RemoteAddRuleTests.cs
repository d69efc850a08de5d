using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class RemoteAddRuleTests
{
    private static readonly RemoteAddRule Rule = new();

    [Theory]
    [InlineData("ADD https://example.org/tool /usr/local/bin/tool # buildkit")]
    [InlineData("ADD git@github.com:org/repo.git /src # buildkit")]
    public void Remote_ADD_without_checksum_is_reported_as_medium(string createdBy)
    {
        var finding = Assert.Single(ImageFixture.DebianBase().Layer(createdBy, _ => { }).Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("application layers", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checksum_in_the_Dockerfile_passes()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/tool /usr/local/bin/tool\n");
        var image = ImageFixture.DebianBase().Layer("ADD https://example.org/tool /usr/local/bin/tool # buildkit", _ => { });

        Assert.Empty(image.Evaluate(Rule, dockerfile));
    }

    [Fact]
    public void Credentials_in_the_URL_are_redacted()
    {
        var image = ImageFixture.DebianBase().Layer("ADD https://ci:hunter2-db-password@files.example.org/tool /bin/tool # buildkit", _ => { });

        Assert.DoesNotContain("hunter2-db-password", Assert.Single(image.Evaluate(Rule)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_ADD_passes()
    {
        Assert.Empty(ImageFixture.DebianBase().Layer("ADD app.txt /srv/ # buildkit", _ => { }).Evaluate(Rule));
    }
}
