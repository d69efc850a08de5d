using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>ADD used for local files where COPY would do.</summary>
public sealed class AddInsteadOfCopyRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H014",
        "ADD used where COPY would do",
        Severity.Low,
        "ADD does more than copy: it unpacks archives and fetches URLs, so a file that happens to be an archive is silently "
        + "extracted into the image. COPY says what it does. Only the application's ADD steps are judged: a base image's root "
        + "file system ADD is how base images are made. ADD of local archives (.tar, .tar.gz, ...) is a legitimate use and "
        + "passes; URLs are RMP-H015's concern. Without a Dockerfile the classic builder records only a content hash for ADD "
        + "sources, so such a step is reported as local.",
        "Replace `ADD` with `COPY` for local files and directories.",
        ["CIS-DI-0009", "CIS-4.9", "DS005", "DL3020"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var add in AddSteps.Of(context).Where(a => a.Kind == AddKind.Local))
        {
            yield return Rule.Create(
                $"ADD of local files in history[{add.Step.Index}]",
                $"ADD {Text.WithoutSecrets(string.Join(' ', add.Sources))} in history[{add.Step.Index}] ({add.Step.OriginText})",
                add.Step,
                context);
        }
    }
}
