using System.Text.RegularExpressions;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>SSH host private keys baked into the image.</summary>
public sealed partial class SshHostKeysRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H013",
        "SSH host private key in the image",
        Severity.High,
        "Installing openssh-server generates host keys at build time, so every container of the image, everywhere, presents "
        + "the same host identity and anyone who pulls the image holds its private half: they can impersonate any of those "
        + "servers. Every layer is checked, since a key deleted later is still in the layer that wrote it.",
        "Do not ship an SSH server; if one is unavoidable, delete /etc/ssh/ssh_host_* in the same step that installs it and "
        + "generate keys when the container starts (`ssh-keygen -A`).",
        ["NIST-800-190-3.1.4", "NIST-800-190-4.1.2"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var layer in context.Snapshot.Layers)
        {
            foreach (var entry in layer.Entries.Values.Where(e => e.IsRegular && e.Size > 0 && HostKeyPath().IsMatch(e.Path)).OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                var file = new LayerFile(layer.Index, entry, null);
                yield return Rule.Create(
                    $"SSH host private key {entry.Path}",
                    $"{entry.Path} ({entry.Size} bytes); layer {layer.Index} in the {context.Boundary.DescribeLayer(layer.Index)}{LayerFiles.LaterFate(context, file)}",
                    [new FindingLocation(entry.Path, layer.Index)],
                    context.LineOfLayer(layer.Index));
            }
        }
    }

    [GeneratedRegex(@"^/etc/ssh/ssh_host_[a-z0-9]+_key$")]
    private static partial Regex HostKeyPath();
}
