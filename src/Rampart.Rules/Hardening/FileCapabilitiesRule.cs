using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Programs that carry Linux file capabilities (a <c>security.capability</c> extended attribute).</summary>
public sealed class FileCapabilitiesRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H025",
        "File with capabilities",
        Severity.Low,
        "A file capability gives a program part of root's power whoever starts it, like a setuid bit cut down to single "
        + "privileges: a bug in a program with cap_net_raw lets a compromised unprivileged process forge packets. A program "
        + "whose permitted set holds cap_sys_admin, cap_dac_override or cap_setuid is as good as setuid root and is reported "
        + "at high; inheritable capabilities alone grant nothing a caller does not already hold. Nothing is allow-listed, as "
        + "setuid ping is not on the setuid allow-list: Debian's iputils-ping gives /usr/bin/ping cap_net_raw=ep, and ping is "
        + "a diagnostic tool a production image seldom needs. Capabilities travel in layers as PAX extended attributes "
        + "(SCHILY.xattr.security.capability), which some builders drop, so no finding is no proof that no program has any.",
        "Remove capabilities a program does not need (`RUN setcap -r /path/to/program`, or do not install it); grant what a "
        + "service needs at run time instead (`docker run --cap-add`, Kubernetes `securityContext.capabilities.add`), or "
        + "waive the path in the policy with a reason.",
        ["NIST-800-190-4.1.2", "CIS-4.8"]);

    private static readonly string[] RootEquivalent = ["cap_sys_admin", "cap_dac_override", "cap_setuid"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.Snapshot.Files.Entries)
        {
            if (!entry.IsRegular || entry.Capabilities is not { } capabilities)
            {
                continue;
            }

            var rootEquivalent = capabilities.PermittedNames.Intersect(RootEquivalent, StringComparer.Ordinal).ToList();
            var why = rootEquivalent.Count == 0 ? string.Empty : $" ({string.Join(", ", rootEquivalent)} make it as good as root)";
            yield return Rule.Create(
                $"File capabilities {capabilities} on {entry.Path}",
                string.Create(CultureInfo.InvariantCulture, $"{entry.Path} has capabilities {capabilities}{why}, owner {entry.Uid}:{entry.Gid}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}"),
                [new FindingLocation(entry.Path, entry.Layer)],
                context.LineOfLayer(entry.Layer),
                rootEquivalent.Count == 0 ? null : Severity.High);
        }
    }
}
