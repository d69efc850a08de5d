using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SshHostKeysRuleTests
{
    private static readonly SshHostKeysRule Rule = new();

    [Fact]
    public void Generated_host_keys_are_reported_but_not_their_public_halves()
    {
        var image = ImageFixture.DebianBase().Layer("RUN /bin/sh -c apt-get install -y openssh-server # buildkit", f => f
            .File("/etc/ssh/ssh_host_ed25519_key", "key", ImageFixture.File644 & ~UnixFileMode.OtherRead)
            .File("/etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA")
            .File("/etc/ssh/sshd_config", "Port 22\n"));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new FindingLocation("/etc/ssh/ssh_host_ed25519_key", 1)], finding.Locations);
    }

    [Fact]
    public void Keys_deleted_in_a_later_layer_are_still_reported()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c apt-get install -y openssh-server # buildkit", f => f.File("/etc/ssh/ssh_host_rsa_key", "key"))
            .Layer("RUN /bin/sh -c rm /etc/ssh/ssh_host_* # buildkit", f => f.Whiteout("/etc/ssh/ssh_host_rsa_key"));

        Assert.Contains("still in the image", Assert.Single(image.Evaluate(Rule)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_without_host_keys_passes()
    {
        Assert.Empty(ImageFixture.DebianBase().Layer("RUN /bin/sh -c true # buildkit", f => f.File("/etc/ssh/ssh_config", "Host *\n")).Evaluate(Rule));
    }
}
