using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class DuplicateIdsRuleTests
{
    private static readonly DuplicateIdsRule Rule = new();

    [Fact]
    public void A_second_uid_zero_account_is_high()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c x # buildkit", f => f.File("/etc/passwd", "root:x:0:0::/root:/bin/sh\n+nis\ntoor:x:0:0::/root:/bin/sh\n"));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("UID 0 is shared by root, toor", finding.Title);
        Assert.Equal([new FindingLocation("/etc/passwd", 1)], finding.Locations);
    }

    [Fact]
    public void Shared_user_and_group_ids_are_medium()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c x # buildkit", f => f
            .File("/etc/passwd", "root:x:0:0::/root:/bin/sh\na:x:1000:1000::/:/bin/sh\nb:x:1000:1000::/:/bin/sh\n")
            .File("/etc/group", "root:x:0:\na:x:1000:\nb:x:1000:\n"));

        var findings = image.Evaluate(Rule);

        Assert.Equal(["UID 1000 is shared by a, b", "GID 1000 is shared by a, b"], findings.Select(f => f.Title));
        Assert.All(findings, f => Assert.Equal(Severity.Medium, f.Severity));
    }

    [Fact]
    public void Unique_ids_pass()
    {
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }
}
