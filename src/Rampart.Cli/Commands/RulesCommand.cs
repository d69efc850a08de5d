using System.CommandLine;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart rules</c>: every rule and lock-in criterion with id, severity, references and rationale.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("rules", "List every hardening rule and lock-in criterion with its id, severity, references and rationale.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await output.WriteLineAsync("No hardening rules or lock-in criteria are available in this version; they arrive with the rule catalog.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Passed;
        });
        return command;
    }
}
