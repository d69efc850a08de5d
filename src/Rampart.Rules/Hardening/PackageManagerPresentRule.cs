using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>An operating-system package manager in the image (information).</summary>
public sealed class PackageManagerPresentRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H024",
        "Package manager present",
        Severity.Info,
        "A package manager in a runtime image lets anyone with code execution install tools (compilers, network scanners) "
        + "from the distribution's repositories, and its presence usually means build-time tooling reached the runtime "
        + "image. Information only: many images keep one on purpose.",
        "Build in one stage and copy the application into a minimal or distroless final stage without a package manager.",
        ["NIST-800-190-4.1.2", "CIS-4.3"]);

    private static readonly string[] Managers = ["apt-get", "apt", "dpkg", "apk", "yum", "dnf", "microdnf", "tdnf", "rpm", "zypper", "pacman"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = Programs.Find(context.Snapshot.Files, Managers);
        if (found.Count > 0)
        {
            yield return Rule.Create(
                $"Package managers present: {string.Join(", ", found.Select(f => f.Path))}",
                string.Join("; ", found.Select(f => $"{f.Path} (layer {f.Layer}, {context.Boundary.DescribeLayer(f.Layer)})")),
                found.Select(f => new FindingLocation(f.Path, f.Layer)).ToList(),
                null);
        }
    }
}
