using System.Text.RegularExpressions;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Port 22 exposed.</summary>
public sealed partial class SshPortExposedRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H007",
        "SSH port 22 exposed",
        Severity.Medium,
        "Exposing 22 signals an SSH server inside the container: another daemon, another set of credentials or keys to "
        + "manage, and a remote-administration path that bypasses the orchestrator's audit trail. EXPOSE is metadata and opens "
        + "nothing by itself, but it documents intent and platforms publish exposed ports automatically.",
        "Remove `EXPOSE 22` and the SSH server; use `docker exec` or `kubectl exec` for administration.",
        ["DS004", "CKV_DOCKER_1", "NIST-800-190-4.1.2"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var port in context.Image.Config.ExposedPorts.Where(p => p is "22" or "22/tcp" or "22/udp"))
        {
            var step = context.LastHistoryIndex("EXPOSE", args => Port22().IsMatch(args));
            var (setBy, origin) = ConfigSetter.Of(context, step);
            yield return Rule.Create(
                $"Port {port} is exposed",
                $"ExposedPorts has {port}; {setBy}",
                [new FindingLocation(ConfigPaths.ExposedPorts, null)],
                context.LineOf(context.LastInstruction("EXPOSE", i => Port22().IsMatch(i.Value))),
                origin: origin);
        }
    }

    [GeneratedRegex(@"(?<![0-9])22(?:/(?:tcp|udp))?(?![0-9])")]
    private static partial Regex Port22();
}
