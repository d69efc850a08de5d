using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>setuid or setgid programs beyond the allow-list.</summary>
public sealed class SetuidFilesRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H002",
        "setuid or setgid file beyond the allow-list",
        Severity.Medium,
        "A setuid or setgid program runs with its owner's or group's privileges whoever starts it, so any bug in it is a "
        + "privilege escalation for a compromised process in the container. Distributions ship a few (passwd, su, mount) that "
        + "are expected and make up the default allow-list (Policy defaults); anything else deserves a look. Directories are not reported: "
        + "setgid on a directory only sets the group of new files.",
        "Remove the bit where it is not needed: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +` in the final stage, "
        + "or add the path to the policy's setuid allow-list with a reason.",
        ["CIS-DI-0008", "CIS-4.8"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.Snapshot.Files.Entries)
        {
            if (!entry.IsRegular || !(entry.IsSetuid || entry.IsSetgid) || context.Policy.SetuidAllowList.Contains(entry.Path))
            {
                continue;
            }

            var kind = (entry.IsSetuid, entry.IsSetgid) switch
            {
                (true, true) => "setuid and setgid",
                (true, false) => "setuid",
                _ => "setgid",
            };
            var mode = Text.Octal(entry.Mode);
            yield return Rule.Create(
                $"{kind} file {entry.Path}",
                string.Create(CultureInfo.InvariantCulture, $"{entry.Path} has mode {mode}, owner {entry.Uid}:{entry.Gid}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}"),
                [new FindingLocation(entry.Path, entry.Layer)],
                context.LineOfLayer(entry.Layer));
        }
    }
}
