using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class AddInsteadOfCopyRuleTests
{
    private static readonly AddInsteadOfCopyRule Rule = new();

    [Fact]
    public void ADD_of_local_files_is_reported_as_low_on_its_line()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nADD --chown=1000 config.yml /etc/app/\n");
        var image = ImageFixture.DebianBase().Layer("ADD --chown=1000 config.yml /etc/app/ # buildkit", f => f.File("/etc/app/config.yml", "a: 1"));

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal(2, finding.Dockerfile?.Line);
        Assert.Equal([new FindingLocation("history[2]", 1)], finding.Locations);
    }

    [Fact]
    public void A_classic_builder_ADD_with_only_a_hash_is_reported()
    {
        var image = ImageFixture.DebianBase().Layer("/bin/sh -c #(nop) ADD file:9f8e7d in /etc/app/ ", _ => { });

        Assert.Contains("file:9f8e7d", Assert.Single(image.Evaluate(Rule)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_image_root_file_system_ADD_passes()
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }

    [Theory]
    [InlineData("ADD rootfs.tar.gz / # buildkit")]
    [InlineData("ADD [\"app.tgz\", \"/opt/\"] # buildkit")]
    [InlineData("ADD https://example.org/tool /usr/local/bin/tool # buildkit")]
    [InlineData("COPY config.yml /etc/app/ # buildkit")]
    public void Archives_remote_sources_and_COPY_pass(string createdBy)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer(createdBy, _ => { }).Evaluate(Rule));
    }
}
