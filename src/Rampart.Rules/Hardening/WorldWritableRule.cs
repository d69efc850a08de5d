using System.Globalization;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Files anyone may write, and directories anyone may write without the sticky bit.</summary>
public sealed class WorldWritableRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H003",
        "World-writable file, or world-writable directory without the sticky bit",
        Severity.Low,
        "Any user in the container can change a world-writable file, and any user can delete or replace others' files in a "
        + "world-writable directory unless its sticky bit is set. Programs, scripts and configuration that are writable this way "
        + "let an unprivileged process tamper with what a privileged one runs. /tmp, /var/tmp and /dev/shm with the sticky bit are "
        + "the normal exception and are not reported, nor are files inside them. Symbolic links always show mode 777 and are skipped.",
        "Use least-permissive modes; for platforms that run under an arbitrary UID, make paths group-writable with group 0 "
        + "(`chgrp -R 0 /app && chmod -R g=u /app`) instead of world-writable.",
        ["NIST-800-190-4.1.2"]);

    private static readonly string[] ScratchDirectories = ["/tmp", "/var/tmp", "/dev/shm"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var entry in context.Snapshot.Files.Entries)
        {
            if (!entry.IsWorldWritable)
            {
                continue;
            }

            string title;
            if (entry.Kind == FileKind.Directory && (entry.Mode & UnixFileMode.StickyBit) == 0)
            {
                title = $"World-writable directory without sticky bit: {entry.Path}";
            }
            else if (entry.IsRegular && !ScratchDirectories.Any(d => entry.Path.StartsWith(d + "/", StringComparison.Ordinal)))
            {
                title = $"World-writable file: {entry.Path}";
            }
            else
            {
                continue;
            }

            var mode = Text.Octal(entry.Mode);
            yield return Rule.Create(
                title,
                string.Create(CultureInfo.InvariantCulture, $"{entry.Path} has mode {mode}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}"),
                [new FindingLocation(entry.Path, entry.Layer)],
                context.LineOfLayer(entry.Layer));
        }
    }
}
