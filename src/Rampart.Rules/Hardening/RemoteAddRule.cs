using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>ADD fetching a URL or Git repository without a pinned checksum.</summary>
public sealed class RemoteAddRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H015",
        "ADD fetches remote content without a checksum",
        Severity.Medium,
        "`ADD https://...` puts whatever the server returns at build time into the image, unverified: a compromised or "
        + "changed download ships silently, and the build is not reproducible. BuildKit's `ADD --checksum=sha256:...` pins the "
        + "content and passes this rule; the flag is visible only in the Dockerfile (history does not record it), so without a "
        + "Dockerfile every remote ADD of the application is reported.",
        "Use `ADD --checksum=sha256:<digest> <url> <dest>`, or download with curl and verify a checksum or signature in the same RUN.",
        ["CIS-DI-0009", "CIS-4.9", "DL3020", "NIST-800-190-4.1.5"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var add in AddSteps.Of(context).Where(a => a.Kind == AddKind.Remote && !a.HasChecksum))
        {
            yield return Rule.Create(
                $"ADD of remote content in history[{add.Step.Index}]",
                $"ADD {Text.WithoutSecrets(string.Join(' ', add.Sources))} without --checksum in history[{add.Step.Index}] ({add.Step.OriginText})",
                add.Step,
                context);
        }
    }
}
