using System.CommandLine;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart publish</c>: posts results computed earlier (a fork pull request is scanned without a write token, then published from <c>workflow_run</c>).</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var results = new Option<FileInfo>("--results")
        {
            Description = "Results JSON written earlier by 'rampart scan --json'.",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("publish", "Post results computed earlier to the pull request (comment, check annotations, summary).") { results };
        command.SetAction(int (_) => throw new UsageException("'publish' is not available in this version: publishing to GitHub and Azure DevOps arrives with the GitHub Action and the Azure DevOps task."));
        return command;
    }
}
