using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>sudo shipped in the image, or used by a build step.</summary>
public sealed class SudoRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H006",
        "sudo installed or used in the build",
        Severity.Medium,
        "sudo in a runtime image is a setuid path back to root for a compromised process, often configured with NOPASSWD. "
        + "In a build step it is pointless (steps run as root unless USER says otherwise) and its unpredictable TTY and "
        + "signal behaviour make builds brittle. A build step is reported when sudo is the program a command runs, found "
        + "by splitting the command on shell operators, not by substring.",
        "Do not install sudo; run build steps as root before the final `USER`, and use gosu or su-exec in an entrypoint "
        + "if a step must drop privileges at runtime.",
        ["DKL-DI-0001", "DS010", "DL3004"]);

    private static readonly string[] SudoPaths = ["/usr/bin/sudo", "/bin/sudo", "/usr/sbin/sudo", "/usr/local/bin/sudo"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var package = context.Packages.FirstOrDefault(p => p.Name == "sudo");
        var installedBy = package is null ? string.Empty : $", installed by package {package.Name} {package.Version}";
        var files = SudoPaths
            .Select(context.Snapshot.Files.Resolve)
            .OfType<Core.Files.FileEntry>()
            .Where(e => e.IsRegular)
            .DistinctBy(e => e.Path);
        foreach (var entry in files)
        {
            yield return Rule.Create(
                $"sudo is installed: {entry.Path}",
                $"{entry.Path} mode {Text.Octal(entry.Mode)}{installedBy}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}",
                [new FindingLocation(entry.Path, entry.Layer)],
                context.LineOfLayer(entry.Layer));
        }

        foreach (var step in HistorySteps.Of(context).Where(s => s.Commands.Any(c => c.Program == "sudo")))
        {
            yield return Rule.Create(
                "A build step runs sudo",
                $"history[{step.Index}] in the {step.OriginText} runs sudo",
                step,
                context);
        }
    }
}
