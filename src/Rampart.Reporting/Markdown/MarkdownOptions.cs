using Rampart.Core.Findings;

namespace Rampart.Reporting.Markdown;

/// <summary>How the Markdown report is rendered and how much room it has.</summary>
public sealed record MarkdownOptions
{
    /// <summary>GitHub's limit on a pull-request comment body, in characters.</summary>
    public const int PullRequestCommentLimit = 65_536;

    /// <summary>GitHub's limit on one step's job summary: 1 MiB.</summary>
    public const int JobSummaryLimit = 1_048_576;

    /// <summary>
    /// The largest report, in UTF-8 bytes (never fewer than characters, so one measure serves both GitHub limits);
    /// null for no limit. Over it, the least important table rows are dropped first and the report says what was cut.
    /// </summary>
    public int? MaxLength { get; init; }

    /// <summary>The rules document findings link to, e.g. <c>https://github.com/OWNER/REPO/blob/main/src/Rampart.Rules/RULES.md</c>; null for no links.</summary>
    public Uri? RulesDocumentUrl { get; init; }

    /// <summary>The hardening rules, whose titles make the rules document's heading anchors; rules missing here link by id.</summary>
    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];

    /// <summary>Where the complete report is (a path or URL), named when the report had to be cut.</summary>
    public string? FullReportLocation { get; init; }

    /// <summary>
    /// Key of the hidden <c>&lt;!-- rampart:KEY --&gt;</c> marker the report starts with, by which a sticky comment is found
    /// again; null for none. Letters, digits, '.', '_', '-' and '/' only.
    /// </summary>
    public string? MarkerKey { get; init; }

    /// <summary>Findings below this severity are counted but not listed (<c>--min-severity</c>); the gate is unaffected.</summary>
    public Severity MinimumSeverity { get; init; } = Severity.Info;

    /// <summary>Findings tables longer than this are collapsed in a <c>&lt;details&gt;</c> block.</summary>
    public int CollapseFindingsAbove { get; init; } = 15;

    /// <summary>For a pull-request comment: 65,536 characters and a marker for finding the comment again.</summary>
    public static MarkdownOptions PullRequestComment(string markerKey) => new() { MaxLength = PullRequestCommentLimit, MarkerKey = markerKey };

    /// <summary>For a job summary: 1 MiB.</summary>
    public static MarkdownOptions JobSummary() => new() { MaxLength = JobSummaryLimit };
}
