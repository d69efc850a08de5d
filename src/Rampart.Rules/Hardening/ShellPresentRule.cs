using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>A shell in the image (information).</summary>
public sealed class ShellPresentRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H023",
        "Shell present",
        Severity.Info,
        "A shell is what an attacker who gains code execution reaches for first; distroless and hardened runtime images "
        + "ship none. Most images need one for their entrypoint or for debugging, so this is information, not a fault: it "
        + "tells reviewers how much there is to work with after a compromise.",
        "For runtime images that need no shell, use a distroless or hardened base image, or a multi-stage build that copies "
        + "only the application.",
        ["NIST-800-190-4.1.2"]);

    private static readonly string[] Shells = ["sh", "bash", "dash", "ash", "zsh", "ksh", "busybox"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = Programs.Find(context.Snapshot.Files, Shells);
        if (found.Count > 0)
        {
            yield return Rule.Create(
                $"Shells present: {string.Join(", ", found.Select(f => f.Path))}",
                string.Join("; ", found.Select(f => $"{f.Path} (layer {f.Layer}, {context.Boundary.DescribeLayer(f.Layer)})")),
                found.Select(f => new FindingLocation(f.Path, f.Layer)).ToList(),
                null);
        }
    }
}
