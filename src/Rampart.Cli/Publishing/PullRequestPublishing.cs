using System.Collections;
using Microsoft.Extensions.Logging;
using Rampart.Cli.Configuration;
using Rampart.Cli.Scanning;
using Rampart.Core.Results;
using Rampart.Publishing.AzureDevOps;
using Rampart.Publishing.Ci;
using Rampart.Publishing.GitHub;
using Rampart.Reporting.Markdown;
using Rampart.Rules.Hardening;

namespace Rampart.Cli.Publishing;

/// <summary>
/// Posts results where reviewers look, on the CI system the run is in: a sticky comment and a check run per image, the
/// job summary and outputs on GitHub; a pull-request thread, statuses, line threads and log issues on Azure DevOps, or
/// for a GitHub repository that Azure Pipelines builds, its comments and checks on GitHub.
/// Outside CI it does nothing. Publishing trouble is reported, never turned into a gate result.
/// </summary>
internal static partial class PullRequestPublishing
{
    /// <returns>Whether publishing met errors (notes such as a fork's read-only token are not errors).</returns>
    public static async Task<bool> PublishAsync(
        ScanResults results,
        ReportTargets targets,
        RampartSettings settings,
        IDictionary environment,
        TextWriter output,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        return CiDetection.Detect(environment) switch
        {
            CiSystem.GitHubActions => await PublishToGitHubAsync(results, targets, settings, environment, output, time, logger, cancellationToken).ConfigureAwait(false),
            CiSystem.AzurePipelines => await PublishToAzureDevOpsAsync(results, targets, settings, environment, output, time, logger, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
    }

    private static async Task<bool> PublishToAzureDevOpsAsync(
        ScanResults results,
        ReportTargets targets,
        RampartSettings settings,
        IDictionary environment,
        TextWriter output,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var azure = CiVariables(() => AzureDevOpsEnvironment.FromEnvironment(environment));

        // Azure Repos finds the thread by a property, so no hidden marker; whether it shows <details> is unverified, so nothing is collapsed.
        var rules = HardeningRules.All.Select(r => r.Descriptor).ToList();
        var markdown = MarkdownReport.Render(results, new MarkdownOptions
        {
            MaxLength = AzureDevOpsPublisher.CommentLimit,
            MinimumSeverity = settings.MinSeverity,
            RulesDocumentUrl = settings.RulesDocumentUrl,
            Rules = rules,
            FullReportLocation = targets.Html ?? targets.Markdown,
            CollapseFindingsAbove = int.MaxValue,
        });
        var report = await new AzureDevOpsPublisher(output, time).PublishAsync(
            results,
            new AzureDevOpsReport
            {
                Markdown = markdown,
                ResultsPath = targets.Json,
                SarifPath = targets.Sarif,
                MarkdownPath = targets.Markdown,
                MinimumSeverity = settings.MinSeverity,
                GitHubComments = azure.IsGitHubRepository ? results.Images.Select(image => CommentFor(results, image, targets, settings, rules)).ToList() : null,
            },
            azure,
            cancellationToken).ConfigureAwait(false);
        return Log(logger, report.Notes, report.Errors);
    }

    private static async Task<bool> PublishToGitHubAsync(
        ScanResults results,
        ReportTargets targets,
        RampartSettings settings,
        IDictionary environment,
        TextWriter output,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var github = CiVariables(() => GitHubEnvironment.FromEnvironment(environment));

        var rules = HardeningRules.All.Select(r => r.Descriptor).ToList();
        var artifacts = new PublishArtifacts
        {
            Images = results.Images.Select(image => CommentFor(results, image, targets, settings, rules)).ToList(),
            SummaryMarkdown = MarkdownReport.Render(
                results,
                MarkdownOptions.JobSummary() with { MinimumSeverity = settings.MinSeverity, RulesDocumentUrl = settings.RulesDocumentUrl, Rules = rules, FullReportLocation = targets.Html }),
            ResultsPath = targets.Json,
            SarifPath = targets.Sarif,
            MarkdownPath = targets.Markdown,
            MinimumSeverity = settings.MinSeverity,
        };
        var publisher = new GitHubPublisher(new GitHubActionsHost(github, output), time);
        var report = await publisher.PublishAsync(results, artifacts, github, cancellationToken).ConfigureAwait(false);
        return Log(logger, report.Notes, report.Errors);
    }

    /// <summary>The CI system's variables; a malformed one is a usage error naming it.</summary>
    private static T CiVariables<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static bool Log(ILogger logger, IReadOnlyList<string> notes, IReadOnlyList<string> errors)
    {
        foreach (var note in notes)
        {
            LogNote(logger, note);
        }

        foreach (var error in errors)
        {
            LogError(logger, error);
        }

        return errors.Count > 0;
    }

    /// <summary>The comment of one image: its own verdict and gate, under its own marker, so matrix jobs never overwrite each other.</summary>
    private static ImageReport CommentFor(ScanResults results, ImageResult image, ReportTargets targets, RampartSettings settings, IReadOnlyList<Core.Findings.RuleDescriptor> rules)
    {
        var key = GitHubPublisher.MarkerKeyFor(image);
        var alone = results with
        {
            Images = [image],
            Fleet = null,
            Gate = results.Gate with
            {
                Failed = results.Gate.FailedFor(image.Reference),
                Reasons = results.Gate.Reasons.Where(r => r.Image == image.Reference).ToList(),
            },
        };
        var options = MarkdownOptions.PullRequestComment(key) with
        {
            MinimumSeverity = settings.MinSeverity,
            RulesDocumentUrl = settings.RulesDocumentUrl,
            Rules = rules,
            FullReportLocation = targets.Html ?? targets.Markdown,
        };
        return new ImageReport(image.Reference, key, MarkdownReport.Render(alone, options));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Note}")]
    private static partial void LogNote(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}")]
    private static partial void LogError(ILogger logger, string error);
}
