using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>What the publisher did, for the CLI to log and to choose its exit code.</summary>
public sealed record PublishReport
{
    public IReadOnlyList<CommentResult> Comments { get; init; } = [];

    public IReadOnlyList<CheckRunResult> CheckRuns { get; init; } = [];

    /// <summary>Commit statuses that stood in for check runs the token could not create (outside GitHub Actions only).</summary>
    public IReadOnlyList<CommitStatusResult> CommitStatuses { get; init; } = [];

    /// <summary>Workflow-command annotations written to the log (when check runs could not be made), or null.</summary>
    public AnnotationOutcome? LogAnnotations { get; init; }

    public bool OutputsWritten { get; init; }

    public bool SummaryWritten { get; init; }

    /// <summary>The report did not fit the 1 MiB job summary; a note naming the Markdown file was written instead.</summary>
    public bool SummaryReplacedByNote { get; init; }

    /// <summary>Where the pull request was saved for a later <c>rampart publish</c>, when the run was degraded.</summary>
    public string? PullRequestFile { get; init; }

    /// <summary>Why something was not posted and what was done instead (fork, read-only token, no token, non-PR event).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Calls that failed after retries, each naming the operation and the HTTP status.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Posting to the pull request was impossible or refused, and the run fell back to the summary and the log.</summary>
    public bool Degraded { get; init; }
}

/// <summary>The commit status of one image, posted where a check run could not be.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Context">Its name, as the check run's: "Rampart: IMAGE".</param>
/// <param name="Failed">Whether it says the gate failed for the image.</param>
public sealed record CommitStatusResult(string Image, string Context, bool Failed);
