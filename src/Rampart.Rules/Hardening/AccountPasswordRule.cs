using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Accounts with an empty password or a password hash baked into the image.</summary>
public sealed class AccountPasswordRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H017",
        "Account with an empty or hard-coded password",
        Severity.High,
        "An empty password field lets anyone log in as that account wherever a login path exists (su, sshd, a PAM-using "
        + "service); the official Alpine images shipped an empty root password once (CVE-2019-5021). A crypt hash ($1$, $5$, "
        + "$6$, $y$, ...) means a password was set at build time: it is the same in every container and can be cracked "
        + "offline from the image. Locked or password-less fields (*, !, !!, !...) are fine. The password comes from "
        + "/etc/passwd, or from /etc/shadow when passwd says x. An empty root password or any hash is high, other empty "
        + "passwords medium; without the files the rule has nothing to judge.",
        "Lock accounts instead of setting passwords (`passwd -l`, `*` in /etc/shadow); never set passwords in a build step.",
        ["DKL-LI-0001", "CKV2_DOCKER_17"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [AccountFiles.Passwd, AccountFiles.Shadow];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        var accounts = AccountFiles.Read(files, AccountFiles.Passwd, out var passwd);
        var shadow = AccountFiles.Read(files, AccountFiles.Shadow, out var shadowFile);
        if (accounts is null || passwd is null)
        {
            yield break;
        }

        foreach (var account in accounts)
        {
            var (field, source, line) = account.Password == "x"
                ? shadow?.FirstOrDefault(s => s.Name == account.Name) is { } entry && shadowFile is not null
                    ? (entry.Password, shadowFile, entry.LineNumber)
                    : (null, passwd, 0)
                : (account.Password, passwd, account.LineNumber);
            if (field is null)
            {
                continue;
            }

            if (field.Length == 0)
            {
                yield return Create(context, source, line, $"Account {account.Name} has an empty password", account.Id == 0 ? Severity.High : Severity.Medium);
            }
            else if (field[0] == '$')
            {
                yield return Create(context, source, line, $"Account {account.Name} has a password hash baked into the image", Severity.High);
            }
        }
    }

    private static Finding Create(RuleContext context, FileEntry file, int line, string title, Severity severity) =>
        Rule.Create(
            title,
            $"{file.Path} line {line}; written by layer {file.Layer} in the {context.Boundary.DescribeLayer(file.Layer)}",
            [new FindingLocation(file.Path, file.Layer)],
            context.LineOfLayer(file.Layer),
            severity);
}
