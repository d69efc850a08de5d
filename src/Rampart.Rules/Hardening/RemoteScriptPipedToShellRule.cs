using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>A build step that pipes a download straight into a shell.</summary>
public sealed class RemoteScriptPipedToShellRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H022",
        "Downloaded script piped into a shell",
        Severity.Medium,
        "`curl ... | sh` runs whatever the server returns at build time, as root, with no chance to verify it: a "
        + "compromised or changed script goes into the image unnoticed, and a download cut short can run half a script. The "
        + "same holds for `sh -c \"$(curl ...)\"` and `bash <(curl ...)`. Verifying a checksum cannot help once the bytes go "
        + "straight into the interpreter.",
        "Download to a file, verify its checksum or signature (`sha256sum -c`), then run it; better, install from a signed "
        + "package.",
        ["CIS-4.11", "NIST-800-190-4.1.5", "DL4006"]);

    private static readonly string[] Downloaders = ["curl", "wget"];
    private static readonly string[] Interpreters = ["sh", "bash", "dash", "ash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node"];
    private static readonly string[] Wrappers = ["sudo", "env"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var step in HistorySteps.Of(context))
        {
            var commands = step.Commands;
            var piped = Enumerable.Range(0, commands.Count).FirstOrDefault(
                i => (i + 1 < commands.Count && Downloaders.Contains(commands[i].Program) && commands[i].PipesIntoNext && Interpreters.Contains(InterpreterOf(commands[i + 1])))
                    || (Interpreters.Contains(commands[i].Program) && commands[i].Arguments.Any(RunsDownload)),
                -1);
            if (piped >= 0)
            {
                yield return Rule.Create(
                    $"A build step pipes a download into a shell (history[{step.Index}])",
                    $"history[{step.Index}] in the {step.OriginText} runs {commands[piped].Program} output as a script",
                    step,
                    context);
            }
        }
    }

    private static string InterpreterOf(ShellCommand command) =>
        Wrappers.Contains(command.Program)
            ? Path.GetFileName(command.Arguments.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)) ?? string.Empty)
            : command.Program;

    private static bool RunsDownload(string argument) =>
        Downloaders.Any(d => argument.StartsWith($"$({d} ", StringComparison.Ordinal) || argument.StartsWith($"<({d}", StringComparison.Ordinal) || argument.StartsWith($"`{d} ", StringComparison.Ordinal));
}
