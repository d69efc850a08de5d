using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests;

public sealed class GitHubEnvironmentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-env-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Variables(string eventName, string payload)
    {
        var path = Path.Combine(_directory, "event.json");
        File.WriteAllText(path, payload);
        return new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_EVENT_PATH"] = path,
            ["GITHUB_REPOSITORY"] = "Codertocat/Hello-World",
            ["GITHUB_RUN_ID"] = "7",
        };
    }

    [Fact]
    public void PullRequestEvent_GivesNumberHeadShaAndSameRepository()
    {
        var environment = GitHubEnvironment.FromEnvironment(Variables("pull_request", WebhookPayloads.PullRequestOpened().ToJsonString()));

        var pullRequest = environment.Event!.PullRequest!;
        Assert.Equal(2, pullRequest.Number);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", pullRequest.HeadSha);
        Assert.False(pullRequest.IsFromFork);
        Assert.True(environment.IsGitHubActions);
        Assert.Equal(new Uri("https://github.com/Codertocat/Hello-World/actions/runs/7"), environment.RunUrl);
    }

    [Fact]
    public void PullRequestFromFork_IsRecognised()
    {
        var environment = GitHubEnvironment.FromEnvironment(Variables("pull_request", WebhookPayloads.PullRequestOpenedFromFork().ToJsonString()));

        Assert.True(environment.Event!.PullRequest!.IsFromFork);
    }

    [Fact]
    public void PullRequestWhoseForkWasDeleted_CountsAsFork()
    {
        var payload = WebhookPayloads.PullRequestOpened();
        payload["pull_request"]!["head"]!["repo"] = null;

        var environment = GitHubEnvironment.FromEnvironment(Variables("pull_request", payload.ToJsonString()));

        Assert.True(environment.Event!.PullRequest!.IsFromFork);
    }

    [Fact]
    public void WorkflowRunEvent_GivesTheRunsCommitAndPullRequests()
    {
        var payload = WebhookPayloads.Example("workflow_run", "completed", e => e["workflow_run"]!["pull_requests"]!.AsArray().Count > 0);

        var run = GitHubEnvironment.FromEnvironment(Variables("workflow_run", payload.ToJsonString())).Event!.WorkflowRun!;

        Assert.Equal((string)payload["workflow_run"]!["head_sha"]!, run.HeadSha);
        Assert.Equal((long)payload["workflow_run"]!["repository"]!["id"]!, run.RepositoryId);
        Assert.Equal(2, Assert.Single(run.PullRequests).Number);
    }

    [Fact]
    public void ApiUrl_OfEnterpriseServer_KeepsItsPathAndEndsInSlash()
    {
        var variables = Variables("push", "{}");
        variables["GITHUB_API_URL"] = "https://ghes.example/api/v3";

        Assert.Equal(new Uri("https://ghes.example/api/v3/"), GitHubEnvironment.FromEnvironment(variables).ApiUrl);
    }

    [Fact]
    public void ApiUrl_NotHttp_IsAnErrorNamingTheVariable()
    {
        var variables = Variables("push", "{}");
        variables["GITHUB_API_URL"] = "ftp://x";

        var error = Assert.Throws<FormatException>(() => GitHubEnvironment.FromEnvironment(variables));

        Assert.StartsWith("GITHUB_API_URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_FromTheInputWinsOverGitHubToken_AndNeverPrints()
    {
        var variables = Variables("push", "{}");
        variables["GITHUB_TOKEN"] = "ghs_workflow";
        variables["INPUT_GITHUB-TOKEN"] = "ghp_input";

        var environment = GitHubEnvironment.FromEnvironment(variables);

        Assert.Equal("ghp_input", environment.Token!.Value);
        Assert.DoesNotContain("ghp_input", environment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Surfaces_ComeFromTheActionInputs()
    {
        var variables = Variables("push", "{}");
        variables["INPUT_COMMENT"] = "false";
        variables["INPUT_SUMMARY"] = "True";

        Assert.Equal(new PublishSurfaces(false, true, true), GitHubEnvironment.FromEnvironment(variables).Surfaces);
    }

    [Fact]
    public void Surfaces_BadValue_IsAnErrorNamingTheInput()
    {
        var variables = Variables("push", "{}");
        variables["INPUT_ANNOTATIONS"] = "yes";

        Assert.Contains("'annotations'", Assert.Throws<FormatException>(() => GitHubEnvironment.FromEnvironment(variables)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventPayload_Broken_IsAnErrorNamingTheEvent()
    {
        var error = Assert.Throws<FormatException>(() => GitHubEnvironment.FromEnvironment(Variables("pull_request", """{"pull_request": {}}""")));

        Assert.Contains("pull_request event payload", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoVariables_IsNotGitHubActions()
    {
        var environment = GitHubEnvironment.FromEnvironment(new Dictionary<string, string?>());

        Assert.False(environment.IsGitHubActions);
        Assert.Null(environment.Event);
        Assert.Null(environment.Token);
        Assert.Equal(GitHubEnvironment.PublicApiUrl, environment.ApiUrl);
    }
}
