namespace Rampart.Publishing.GitHub;

/// <summary>
/// A GitHub repository that a CI system other than GitHub Actions builds (Azure Pipelines), and what to post there: where
/// its API is, the token, the commit and the pull request of the build. That CI system keeps its own log, outputs and
/// summary; this says only where the pull-request surfaces go.
/// </summary>
public sealed record GitHubRepositoryTarget
{
    /// <summary>The API base, ending in a slash: <c>https://api.github.com/</c>, <c>https://HOST/api/v3/</c> on GitHub Enterprise Server.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The pull request the build is for; null for a build of a branch, which gets checks but no comment.</summary>
    public int? PullRequest { get; init; }

    /// <summary>The commit checks go on: the pull request's head (never the merge commit that is built), or the branch's commit.</summary>
    public required string HeadSha { get; init; }

    public required GitHubToken Token { get; init; }

    /// <summary>Where the token comes from, as the notes name it, e.g. "the GitHub service connection".</summary>
    public required string TokenSource { get; init; }

    /// <summary>The build's page, linked from check runs and commit statuses.</summary>
    public Uri? DetailsUrl { get; init; }

    /// <summary>The checkout, which Dockerfile paths in annotations are made relative to.</summary>
    public string? Workspace { get; init; }

    /// <summary>Post the sticky comment per image.</summary>
    public bool Comment { get; init; } = true;

    /// <summary>Post a check run per image, or a commit status when the token may not create check runs.</summary>
    public bool Checks { get; init; } = true;
}
