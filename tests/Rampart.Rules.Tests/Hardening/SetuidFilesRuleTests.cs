using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SetuidFilesRuleTests
{
    private static readonly SetuidFilesRule Rule = new();

    [Fact]
    public void The_standard_distribution_programs_pass()
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }

    [Fact]
    public void A_setuid_program_beyond_the_allow_list_is_reported_with_its_path_and_layer()
    {
        var image = ImageFixture.DebianBase()
            .Layer("COPY tool /usr/local/bin/tool # buildkit", f => f.File("/usr/local/bin/tool", "ELF", ImageFixture.Exec755 | UnixFileMode.SetUser));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal([new FindingLocation("/usr/local/bin/tool", 1)], finding.Locations);
        Assert.Contains("4755", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("application layers", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Setgid_is_named_as_such()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c chmod g+s /usr/bin/tool # buildkit", f => f.File("/usr/bin/tool", "ELF", ImageFixture.Exec755 | UnixFileMode.SetGroup));

        Assert.StartsWith("setgid file", Assert.Single(image.Evaluate(Rule)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setgid_directory_is_not_reported()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c mkdir -m 2775 /srv/shared # buildkit", f => f.Directory("/srv/shared", ImageFixture.Dir755 | UnixFileMode.SetGroup));

        Assert.Empty(image.Evaluate(Rule));
    }

    [Fact]
    public void A_later_layer_that_clears_the_bit_wins()
    {
        var image = ImageFixture.DebianBase()
            .Layer("COPY newtool /usr/bin/newtool # buildkit", f => f
                .File("/usr/bin/newtool", "ELF", ImageFixture.Exec755 | UnixFileMode.SetUser))
            .Layer("RUN /bin/sh -c chmod a-s /usr/bin/newtool # buildkit", f => f.File("/usr/bin/newtool", "ELF", ImageFixture.Exec755));

        Assert.Empty(image.Evaluate(Rule));
    }

    [Fact]
    public void The_policy_allow_list_replaces_the_default()
    {
        var policy = HardeningPolicy.Default with { SetuidAllowList = new HashSet<string>(StringComparer.Ordinal) { "/usr/bin/su", "/usr/bin/chage" } };

        var finding = Assert.Single(ImageFixture.DebianBase().Evaluate(Rule, policy: policy));

        Assert.Equal("/usr/bin/passwd", finding.Locations[0].Path);
        Assert.Contains("base image", finding.Evidence, StringComparison.Ordinal);
    }
}
