using Rampart.Core.Findings;
using Rampart.Core.Results;

namespace Rampart.Publishing.GitHub;

/// <summary>What the scan wrote and rendered, for the publisher to post. Markdown comes rendered: the publisher never renders.</summary>
public sealed record PublishArtifacts
{
    /// <summary>One entry per image, in the order of <see cref="ScanResults.Images"/>.</summary>
    public required IReadOnlyList<ImageReport> Images { get; init; }

    /// <summary>The job summary: the fleet report for several images, the image's report for one.</summary>
    public required string SummaryMarkdown { get; init; }

    /// <summary>The results JSON; <c>rampart publish</c> reads it, and the pull-request file is written beside it.</summary>
    public string? ResultsPath { get; init; }

    public string? SarifPath { get; init; }

    /// <summary>The full Markdown report, named in the summary when the report is too large for it.</summary>
    public string? MarkdownPath { get; init; }

    /// <summary>The display threshold the reports used (<c>--min-severity</c>); annotations follow it too.</summary>
    public Severity MinimumSeverity { get; init; } = Severity.Info;
}

/// <summary>An image's pull-request comment.</summary>
/// <param name="Reference">The image reference, as in the results.</param>
/// <param name="MarkerKey">The key of the comment's hidden marker, from <see cref="GitHubPublisher.MarkerKeyFor"/>.</param>
/// <param name="CommentMarkdown">The comment, rendered for the 65,536-character limit with that marker.</param>
public sealed record ImageReport(string Reference, string MarkerKey, string CommentMarkdown);
