using System.CommandLine;
using Rampart.Rules;
using Rampart.Rules.Hardening;
using Rampart.Rules.LockIn;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart rules</c>: every rule and lock-in criterion with id, severity, references and rationale.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output)
    {
        var format = new Option<string>("--format")
        {
            Description = "text (default): one line per rule; markdown: the full rules document with rationale and remediation.",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown");
        var command = new Command("rules", "List every hardening rule and lock-in criterion with its id, severity, references and rationale.") { format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var hardening = HardeningRules.All.Select(r => r.Descriptor).ToList();
            var lockIn = LockInCriteria.All.ToList();
            if (parsed.GetValue(format) == "markdown")
            {
                await output.WriteAsync(RulesDocument.Render(hardening, lockIn.Select(c => c.Descriptor)).AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Passed;
            }

            var lines = new List<string> { "Hardening rules", string.Empty };
            lines.AddRange(hardening.Select(r => $"  {r.Id}  {r.DefaultSeverity.ToString().ToLowerInvariant(),-8}  {r.Title}  [{string.Join(", ", r.References)}]"));
            lines.AddRange([string.Empty, "Lock-in criteria (weight)", string.Empty]);
            lines.AddRange(lockIn.Select(c => $"  {c.Descriptor.Id}  {c.Weight,-8:0.##}  {c.Descriptor.Title}{(c.Descriptor.References.Count == 0 ? string.Empty : $"  [{string.Join(", ", c.Descriptor.References)}]")}"));
            lines.AddRange([string.Empty, "'rampart rules --format markdown' prints the rationale and remediation of each."]);
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
