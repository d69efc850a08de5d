using System.Text.Json.Nodes;

namespace Rampart.Testing;

/// <summary>Real event payloads from npm @octokit/webhooks-examples.</summary>
public static class WebhookPayloads
{
    private static readonly Lazy<JsonArray> Index = new(() =>
        JsonNode.Parse(File.ReadAllText(NodeModules.File("@octokit/webhooks-examples/api.github.com/index.json")))!.AsArray());

    /// <summary>The first example of <paramref name="eventName"/> with <paramref name="action"/> (any when null), as a fresh copy.</summary>
    public static JsonObject Example(string eventName, string? action, Func<JsonObject, bool>? where = null)
    {
        // A parsed JsonNode builds its children on first access, which is not safe from several test classes at once.
        lock (Index)
        {
            var examples = Index.Value.First(e => (string?)e!["name"] == eventName)!["examples"]!.AsArray();
            return examples.Select(e => e!.AsObject()).First(e => (action is null || (string?)e["action"] == action) && (where?.Invoke(e) ?? true)).DeepClone().AsObject();
        }
    }

    /// <summary>A real <c>pull_request</c> <c>opened</c> payload (same-repository pull request #2 of Codertocat/Hello-World).</summary>
    public static JsonObject PullRequestOpened() => Example("pull_request", "opened");

    /// <summary>
    /// The same payload as if the head branch lived in a fork. The package has no fork example, so the head repository
    /// of the real payload is renamed to another owner's copy, which is all that tells a fork apart.
    /// </summary>
    public static JsonObject PullRequestOpenedFromFork()
    {
        var payload = PullRequestOpened();
        var head = payload["pull_request"]!["head"]!["repo"]!;
        head["full_name"] = "forker/Hello-World";
        head["owner"]!["login"] = "forker";
        head["fork"] = true;
        return payload;
    }

    /// <summary>A real completed <c>workflow_run</c> payload that lists no pull request, as GitHub sends for fork pull requests.</summary>
    public static JsonObject WorkflowRunCompletedWithoutPullRequests()
    {
        var payload = Example("workflow_run", "completed", e => e["workflow_run"]!["pull_requests"]!.AsArray().Count == 0);
        payload["workflow_run"]!["event"] = "pull_request";
        return payload;
    }
}
