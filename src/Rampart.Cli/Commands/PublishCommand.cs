using System.Collections;
using System.CommandLine;
using Rampart.Cli.Publishing;
using Rampart.Cli.Scanning;
using Rampart.Publishing.Ci;
using Rampart.Reporting.Results;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart publish</c>: posts results computed earlier. A fork's pull request is scanned with a read-only token;
/// a <c>workflow_run</c> workflow in the base repository then publishes its results file with a write token.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(TextWriter output, TimeProvider time, IDictionary environment)
    {
        var results = new Option<FileInfo>("--results")
        {
            Description = "Results JSON written earlier by 'rampart scan --json' (the SARIF and Markdown beside it are used too).",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("publish", "Post results computed earlier to the pull request: comment, check run with annotations, summary, outputs.")
        {
            results, CliOptions.Config,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var file = parsed.GetValue(results)!;
            if (CiDetection.Detect(environment) == CiSystem.None)
            {
                throw new UsageException("'publish' posts to a pull request from a CI run; no supported CI system (GitHub Actions, Azure Pipelines) was detected here.");
            }

            Core.Results.ScanResults scanResults;
            try
            {
                scanResults = await ResultsReader.ReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (ResultsFileException e)
            {
                throw new UsageException($"--results: {e.Message}");
            }

            var settings = ScanRequest.LoadSettings(parsed, environment, []);
            var directory = file.DirectoryName!;
            string? Beside(string name) => File.Exists(Path.Combine(directory, name)) ? Path.Combine(directory, name) : null;
            var targets = new ReportTargets(file.FullName, Beside("report.md"), Beside("report.html"), Beside("results.sarif"));
            using var loggers = Logging.Create(parsed.GetValue(CliOptions.Verbose), parsed.GetValue(CliOptions.Quiet));
            var failed = await PullRequestPublishing.PublishAsync(scanResults, targets, settings, environment, output, time, loggers.CreateLogger("Rampart"), cancellationToken)
                .ConfigureAwait(false);
            return failed ? ExitCodes.RuntimeError : scanResults.Gate.Failed ? ExitCodes.GateFailed : ExitCodes.Passed;
        });
        return command;
    }
}
