using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class AccountPasswordRuleTests
{
    private static readonly AccountPasswordRule Rule = new();

    private static ImageFixture WithShadow(string shadow) =>
        ImageFixture.DebianBase().Layer("RUN /bin/sh -c useradd app # buildkit", f => f
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n")
            .File("/etc/shadow", shadow));

    [Fact]
    public void An_empty_root_password_is_high_and_points_at_shadow()
    {
        var finding = Assert.Single(WithShadow("root::19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n").Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new FindingLocation("/etc/shadow", 1)], finding.Locations);
        Assert.Contains("/etc/shadow line 1", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_password_of_another_account_is_medium()
    {
        Assert.Equal(Severity.Medium, Assert.Single(WithShadow("root:*:19000::::::\napp::19000::::::\n").Evaluate(Rule)).Severity);
    }

    [Fact]
    public void A_baked_password_hash_is_high_and_never_shown()
    {
        const string Hash = "$6$Jz5Wq1xY$kR2vT8mN4pL6sD0fG3hJ7wQ9eR1tY5uI8oP2aS4dF6gH8jK0lZ2xC4vB6nM8qW0eR2tY4uI6oP8aS0dF2gH4jK";

        var finding = Assert.Single(WithShadow($"root:*:19000::::::\napp:{Hash}:19000::::::\n").Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.DoesNotContain("Jz5Wq1xY", finding.Evidence + finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_field_in_passwd_itself_counts()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c x # buildkit", f => f.File("/etc/passwd", "root::0:0:root:/root:/bin/sh\n"));

        Assert.Equal("Account root has an empty password", Assert.Single(image.Evaluate(Rule)).Title);
    }

    [Fact]
    public void Locked_accounts_pass()
    {
        Assert.Empty(WithShadow("root:*:19000::::::\napp:!!:19000::::::\n").Evaluate(Rule));
        Assert.Empty(ImageFixture.DebianBase().Evaluate(Rule));
    }
}
