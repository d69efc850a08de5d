namespace Rampart.Core.Findings;

/// <summary>The parts of the user's policy that change what hardening rules find (as opposed to how findings are gated).</summary>
public sealed record HardeningPolicy
{
    /// <summary>
    /// setuid and setgid programs every mainstream distribution ships for ordinary account and mount tools, in both
    /// merged-/usr and split layouts. RULES.md lists them; the policy file can add paths.
    /// </summary>
    public static IReadOnlySet<string> DefaultSetuidAllowList { get; } = new SortedSet<string>(StringComparer.Ordinal)
    {
        "/bin/mount", "/bin/su", "/bin/umount",
        "/usr/bin/chage", "/usr/bin/chfn", "/usr/bin/chsh", "/usr/bin/expiry", "/usr/bin/gpasswd", "/usr/bin/mount",
        "/usr/bin/newgrp", "/usr/bin/passwd", "/usr/bin/su", "/usr/bin/umount", "/usr/bin/wall", "/usr/bin/write",
        "/usr/bin/ssh-agent", "/usr/bin/crontab",
        "/sbin/unix_chkpwd", "/usr/sbin/unix_chkpwd", "/usr/lib/openssh/ssh-keysign", "/usr/libexec/openssh/ssh-keysign",
        "/bin/bbsuid",
    };

    public static HardeningPolicy Default { get; } = new();

    /// <summary>Paths whose setuid or setgid bit is expected; <see cref="DefaultSetuidAllowList"/> unless the policy says otherwise.</summary>
    public IReadOnlySet<string> SetuidAllowList { get; init; } = DefaultSetuidAllowList;

    /// <summary>Environment and build-argument names that look secret but are not (<c>GPG_KEY</c> holds a public key fingerprint).</summary>
    public IReadOnlySet<string> AcceptedSecretNames { get; init; } = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "GPG_KEY", "GPG_KEYS" };
}
