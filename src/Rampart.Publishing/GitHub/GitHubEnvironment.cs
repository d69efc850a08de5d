using System.Collections;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>What the GitHub Actions runner tells a step through environment variables, and the event payload it points at.</summary>
public sealed record GitHubEnvironment
{
    public static readonly Uri PublicApiUrl = new("https://api.github.com/");

    /// <summary><c>GITHUB_ACTIONS=true</c>.</summary>
    public bool IsGitHubActions { get; init; }

    /// <summary><c>GITHUB_EVENT_NAME</c>, e.g. <c>pull_request</c>, <c>push</c>, <c>workflow_run</c>.</summary>
    public string? EventName { get; init; }

    /// <summary>The payload at <c>GITHUB_EVENT_PATH</c>, when there is one.</summary>
    public GitHubEvent? Event { get; init; }

    /// <summary><c>GITHUB_REPOSITORY</c>: <c>owner/name</c> of the repository the workflow runs in.</summary>
    public string? Repository { get; init; }

    /// <summary><c>GITHUB_API_URL</c>, ending in a slash; <c>https://HOST/api/v3/</c> on GitHub Enterprise Server.</summary>
    public Uri ApiUrl { get; init; } = PublicApiUrl;

    /// <summary><c>GITHUB_SERVER_URL</c>, for links to the run.</summary>
    public Uri ServerUrl { get; init; } = new("https://github.com/");

    /// <summary><c>GITHUB_RUN_ID</c>.</summary>
    public string? RunId { get; init; }

    /// <summary><c>GITHUB_SHA</c>: for pull requests a merge commit, which is why check runs use the head SHA instead.</summary>
    public string? Sha { get; init; }

    /// <summary><c>GITHUB_WORKSPACE</c>: the repository checkout, which Dockerfile paths are made relative to.</summary>
    public string? Workspace { get; init; }

    /// <summary><c>GITHUB_STEP_SUMMARY</c>.</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary><c>GITHUB_OUTPUT</c>.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The action's <c>github-token</c> input (<c>INPUT_GITHUB-TOKEN</c>), else <c>GITHUB_TOKEN</c>.</summary>
    public GitHubToken? Token { get; init; }

    /// <summary>Which surfaces the action's <c>comment</c>, <c>annotations</c> and <c>summary</c> inputs leave on.</summary>
    public PublishSurfaces Surfaces { get; init; } = new(true, true, true);

    /// <summary>The workflow run's page, when the run is known.</summary>
    public Uri? RunUrl => Repository is not null && RunId is not null ? new Uri(ServerUrl, $"{Repository}/actions/runs/{RunId}") : null;

    /// <summary>
    /// Reads the variables (as <see cref="Environment.GetEnvironmentVariables()"/> returns them) and the event payload.
    /// </summary>
    /// <exception cref="FormatException">A variable or the event payload has a value that cannot be used; the message names it.</exception>
    public static GitHubEnvironment FromEnvironment(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables[name] is string { Length: > 0 } value ? value : null;

        var eventName = Get("GITHUB_EVENT_NAME");
        var eventPath = Get("GITHUB_EVENT_PATH");
        GitHubEvent? payload = null;
        if (eventName is not null && eventPath is not null)
        {
            string json;
            try
            {
                json = File.ReadAllText(eventPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"GITHUB_EVENT_PATH: the event payload {eventPath} cannot be read: {e.Message}", e);
            }

            payload = GitHubEvent.Parse(eventName, json);
        }

        var token = Get("INPUT_GITHUB-TOKEN") ?? Get("GITHUB_TOKEN");
        return new GitHubEnvironment
        {
            IsGitHubActions = string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase),
            EventName = eventName,
            Event = payload,
            Repository = Get("GITHUB_REPOSITORY"),
            ApiUrl = EnvironmentValues.HttpUrl(Get("GITHUB_API_URL"), "GITHUB_API_URL") ?? PublicApiUrl,
            ServerUrl = EnvironmentValues.HttpUrl(Get("GITHUB_SERVER_URL"), "GITHUB_SERVER_URL") ?? new Uri("https://github.com/"),
            RunId = Get("GITHUB_RUN_ID"),
            Sha = Get("GITHUB_SHA"),
            Workspace = Get("GITHUB_WORKSPACE"),
            StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
            OutputPath = Get("GITHUB_OUTPUT"),
            Token = token is null ? null : new GitHubToken(token),
            Surfaces = new PublishSurfaces(
                EnvironmentValues.Switch(Get("INPUT_COMMENT"), "The 'comment' input"),
                EnvironmentValues.Switch(Get("INPUT_ANNOTATIONS"), "The 'annotations' input"),
                EnvironmentValues.Switch(Get("INPUT_SUMMARY"), "The 'summary' input")),
        };
    }

}

/// <summary>Which places the publisher writes to; the results files and outputs are always written.</summary>
/// <param name="Comment">The sticky pull-request comment.</param>
/// <param name="Annotations">Check-run annotations, or workflow-command annotations when degraded.</param>
/// <param name="Summary">The job summary.</param>
public sealed record PublishSurfaces(bool Comment, bool Annotations, bool Summary);

/// <summary>Who a token acts for, which decides whether it may create check runs: GitHub lets only GitHub Apps do that.</summary>
public enum GitHubTokenKind
{
    /// <summary>Not known (a token from a variable); check runs are tried, and a refusal is answered by the fallback.</summary>
    Unknown,

    /// <summary>A GitHub App installation token, such as an Actions run's <c>GITHUB_TOKEN</c>.</summary>
    App,

    /// <summary>A user's token: OAuth or personal access token. It may comment and set commit statuses, never create check runs.</summary>
    User,
}

/// <summary>A token that never shows itself: <see cref="ToString"/> and record printing give <c>***</c>.</summary>
public sealed class GitHubToken
{
    public GitHubToken(string value)
        : this(value, GitHubTokenKind.Unknown)
    {
    }

    public GitHubToken(string value, GitHubTokenKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Kind = kind;
    }

    public string Value { get; }

    public GitHubTokenKind Kind { get; }

    public override string ToString() => "***";
}
