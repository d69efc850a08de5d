using System.Text.Json;

namespace Rampart.Publishing.GitHub;

/// <summary>What Rampart needs from the event that started the workflow (the JSON at <c>GITHUB_EVENT_PATH</c>).</summary>
/// <param name="PullRequest">The pull request of a <c>pull_request</c> or <c>pull_request_target</c> event.</param>
/// <param name="WorkflowRun">The finished run of a <c>workflow_run</c> event.</param>
public sealed record GitHubEvent(PullRequestEvent? PullRequest, WorkflowRunEvent? WorkflowRun)
{
    /// <summary>Reads the payload of an event named <paramref name="eventName"/>; other events give an empty record.</summary>
    /// <exception cref="FormatException">The payload is not JSON or lacks a field the event always has.</exception>
    public static GitHubEvent Parse(string eventName, string json)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return eventName switch
            {
                "pull_request" or "pull_request_target" => new GitHubEvent(PullRequestOf(root.GetProperty("pull_request")), null),
                "workflow_run" => new GitHubEvent(null, WorkflowRunOf(root)),
                _ => new GitHubEvent(null, null),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"The {eventName} event payload cannot be read: {e.Message}", e);
        }
    }

    private static PullRequestEvent PullRequestOf(JsonElement pullRequest)
    {
        var head = pullRequest.GetProperty("head");
        return new PullRequestEvent(
            pullRequest.GetProperty("number").GetInt32(),
            head.GetProperty("sha").GetString()!,
            pullRequest.GetProperty("base").GetProperty("repo").GetProperty("full_name").GetString()!,
            head.TryGetProperty("repo", out var repo) && repo.ValueKind == JsonValueKind.Object ? repo.GetProperty("full_name").GetString() : null);
    }

    private static WorkflowRunEvent WorkflowRunOf(JsonElement root)
    {
        var run = root.GetProperty("workflow_run");
        var pullRequests = run.TryGetProperty("pull_requests", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => new WorkflowRunPullRequest(
                p.GetProperty("number").GetInt32(),
                p.GetProperty("head").GetProperty("sha").GetString()!,
                p.GetProperty("base").GetProperty("repo").GetProperty("id").GetInt64())).ToList()
            : [];
        return new WorkflowRunEvent(
            run.GetProperty("event").GetString()!,
            run.GetProperty("head_sha").GetString()!,
            run.GetProperty("repository").GetProperty("id").GetInt64(),
            pullRequests);
    }
}

/// <summary>A pull request as its event describes it.</summary>
/// <param name="Number">The pull request's number.</param>
/// <param name="HeadSha">The head commit: where check runs must go to show on the pull request.</param>
/// <param name="BaseRepository">The repository merged into, <c>owner/name</c>.</param>
/// <param name="HeadRepository">The repository the changes come from; null when it was deleted.</param>
public sealed record PullRequestEvent(int Number, string HeadSha, string BaseRepository, string? HeadRepository)
{
    /// <summary>Changes come from another repository (or a deleted one): the workflow token of a <c>pull_request</c> run is read-only.</summary>
    public bool IsFromFork => HeadRepository is null || !string.Equals(HeadRepository, BaseRepository, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A finished workflow run, as a <c>workflow_run</c> event describes it.</summary>
/// <param name="Event">The event that started the finished run, e.g. <c>pull_request</c>.</param>
/// <param name="HeadSha">The commit the finished run ran on.</param>
/// <param name="RepositoryId">The repository the finished run belongs to.</param>
/// <param name="PullRequests">Pull requests GitHub associates with the run; empty for pull requests from forks.</param>
public sealed record WorkflowRunEvent(string Event, string HeadSha, long RepositoryId, IReadOnlyList<WorkflowRunPullRequest> PullRequests);

/// <summary>A pull request GitHub associates with a workflow run; it may belong to another repository with a branch of the same name.</summary>
/// <param name="Number">The pull request's number.</param>
/// <param name="HeadSha">Its head commit.</param>
/// <param name="BaseRepositoryId">The repository it merges into.</param>
public sealed record WorkflowRunPullRequest(int Number, string HeadSha, long BaseRepositoryId);
