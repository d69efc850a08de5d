using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>
/// An Azure Pipelines build of a GitHub repository: the publisher, given the agent's variables for a pull request from
/// a real webhook payload, posts to the GitHub fake (every request checked against GitHub's OpenAPI description), never
/// to Azure Repos, and falls back to commit statuses where the token may not create check runs.
/// </summary>
public sealed class GitHubRepositoryContractTests : IDisposable
{
    private const string NotAnApp = """{"message":"You must authenticate via a GitHub App.","documentation_url":"https://docs.github.com/rest/checks/runs#create-a-check-run","status":"403"}""";
    private const string NotAccessible = """{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/issues/comments#create-an-issue-comment","status":"403"}""";

    private readonly FakeAzureDevOps _azure = new();
    private readonly FakeGitHub _github = new();
    private readonly AzureDevOpsRun _run;

    public GitHubRepositoryContractTests() => _run = new AzureDevOpsRun(_azure);

    private static string HeadSha => (string)WebhookPayloads.PullRequestOpened()["pull_request"]!["head"]!["sha"]!;

    private string BuildUrl => $"{_azure.CollectionUri}{FakeAzureDevOps.Project}/_build/results?buildId=812";

    /// <summary>Every test ends by checking that GitHub's description allowed each request and that Azure Repos got none.</summary>
    public void Dispose()
    {
        var violations = _github.Violations;
        var azureRequests = _azure.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        _run.Dispose();
        _github.Dispose();
        _azure.Dispose();
        Assert.True(violations.Count == 0, string.Join('\n', violations));
        Assert.Empty(azureRequests);
    }

    private static ScanResults TwoImages() => TestScans.Results(
        TestScans.Image("docker:shop/api:pr-2", TestScans.Many(3)),
        TestScans.Image("docker:shop/web:pr-2", [TestScans.Finding("HRD-002", Severity.Medium, 5)], score: 90, grade: "A"));

    [Fact]
    public async Task A_GitHub_App_connection_gets_a_comment_and_a_check_run_per_image_on_the_pull_requests_head()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "InstallationToken");
        var results = TwoImages();

        var report = await _run.PublishAsync(results);

        Assert.Empty(report.Errors);
        Assert.Empty(report.Notes);
        Assert.Equal(2, _github.Comments.Count);
        Assert.All(results.Images, image => Assert.Contains(
            _github.Comments, c => c.Body.StartsWith($"<!-- rampart:{GitHubPublisher.MarkerKeyFor(image)} -->", StringComparison.Ordinal)));
        Assert.All(_github.Requests.Where(r => r.Template!.Contains("{issue_number}", StringComparison.Ordinal)), r => Assert.EndsWith("/issues/2/comments", r.Path, StringComparison.Ordinal));
        Assert.Equal(["Rampart: docker:shop/api:pr-2", "Rampart: docker:shop/web:pr-2"], _github.CheckRuns.Select(c => (string)c.Create["name"]!));
        var api = _github.CheckRuns[0].Create;
        Assert.Equal(HeadSha, (string)api["head_sha"]!);
        Assert.Equal("failure", (string)api["conclusion"]!);
        Assert.Equal(BuildUrl, (string)api["details_url"]!);
        Assert.All(api["output"]!["annotations"]!.AsArray(), a => Assert.Equal("Dockerfile", (string)a!["path"]!));
        Assert.Equal("success", (string)_github.CheckRuns[1].Create["conclusion"]!);
        Assert.Empty(_github.CommitStatuses);
        Assert.All(_github.Requests, r => Assert.Equal($"token {FakeGitHub.Token}", r.Authorization, ignoreCase: true));
        Assert.Equal(2, report.GitHub!.CheckRuns.Count);
        Assert.Contains($"##vso[task.setsecret]{FakeGitHub.Token}", _run.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(_run.Log.Split('\n'), l => l.Contains(FakeGitHub.Token, StringComparison.Ordinal) && !l.StartsWith("##vso[task.setsecret]", StringComparison.Ordinal));
        Assert.Contains($"##vso[task.logissue type=error;sourcepath={Path.Combine(_run.Sources, "Dockerfile")};", _run.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OAuth")]
    [InlineData("PersonalAccessToken")]
    public async Task A_users_token_never_tries_a_check_run_and_sets_a_commit_status_of_the_same_name(string scheme)
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), scheme);

        var report = await _run.PublishAsync(TwoImages());

        Assert.DoesNotContain(_github.Requests, r => r.Is("POST", "/check-runs"));
        Assert.Equal(2, _github.Comments.Count);
        Assert.Equal([HeadSha, HeadSha], _github.CommitStatuses.Select(s => s.Sha));
        var api = _github.CommitStatuses[0].Create;
        Assert.Equal("Rampart: docker:shop/api:pr-2", (string)api["context"]!);
        Assert.Equal("failure", (string)api["state"]!);
        Assert.Equal("Hardening C (72/100): gate failed", (string)api["description"]!);
        Assert.Equal(BuildUrl, (string)api["target_url"]!);
        Assert.Equal("success", (string)_github.CommitStatuses[1].Create["state"]!);
        Assert.Equal([true, false], report.GitHub!.CommitStatuses.Select(s => s.Failed));
        var note = Assert.Single(report.Notes);
        Assert.Contains("Only GitHub Apps may create check runs", note, StringComparison.Ordinal);
        Assert.Contains("the task's GitHub service connection", note, StringComparison.Ordinal);
        Assert.False(report.GitHub.Degraded);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_refused_check_run_403_is_not_retried_and_every_image_gets_a_commit_status_instead()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), scheme: null);
        _github.Intercept = r => r.Is("POST", "/check-runs") ? new Reply(403, NotAnApp) : null;

        var report = await _run.PublishAsync(TwoImages());

        Assert.Equal(1, _github.Requests.Count(r => r.Is("POST", "/check-runs")));
        Assert.Empty(_run.Time.Waits);
        Assert.Equal(["Rampart: docker:shop/api:pr-2", "Rampart: docker:shop/web:pr-2"], _github.CommitStatuses.Select(s => (string)s.Create["context"]!));
        var note = Assert.Single(report.Notes);
        Assert.StartsWith("GitHub refused a check run (create check run: HTTP 403 You must authenticate via a GitHub App.)", note, StringComparison.Ordinal);
        Assert.Contains("commit status instead", note, StringComparison.Ordinal);
        Assert.True(report.GitHub!.Degraded);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_token_that_may_not_comment_gets_a_note_naming_the_connection_and_the_scope_while_checks_are_still_posted()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "PersonalAccessToken");
        _github.Intercept = r => r.Is("POST", "/comments") ? new Reply(403, NotAccessible) : null;

        var report = await _run.PublishAsync(TwoImages());

        Assert.Equal(1, _github.Requests.Count(r => r.Is("POST", "/comments")));
        Assert.Empty(_github.Comments);
        Assert.Equal(2, _github.CommitStatuses.Count);
        var note = Assert.Single(report.Notes, n => n.Contains("may not comment", StringComparison.Ordinal));
        Assert.Contains("The token of the task's GitHub service connection may not comment on the pull request", note, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by personal access token", note, StringComparison.Ordinal);
        Assert.Contains("'repo' scope", note, StringComparison.Ordinal);
        Assert.True(report.GitHub!.Degraded);
    }

    [Fact]
    public async Task A_refused_commit_status_says_which_scope_it_needs_and_leaves_the_findings_to_the_log()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "OAuth");
        _github.Intercept = r => r.Is("POST", "/statuses/{sha}") ? new Reply(403, NotAccessible) : null;

        var report = await _run.PublishAsync(TwoImages());

        Assert.Equal(1, _github.Requests.Count(r => r.Is("POST", "/statuses/{sha}")));
        Assert.Contains(report.Notes, n => n.Contains("may not set commit statuses", StringComparison.Ordinal) && n.Contains("'repo:status'", StringComparison.Ordinal));
        Assert.Contains($"##vso[task.logissue type=error;sourcepath={Path.Combine(_run.Sources, "Dockerfile")};", _run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_branch_build_checks_the_built_commit_and_comments_nowhere()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "InstallationToken");
        foreach (var name in new[] { "SYSTEM_PULLREQUEST_PULLREQUESTID", "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "SYSTEM_PULLREQUEST_SOURCECOMMITID" })
        {
            _run.Variables.Remove(name);
        }

        await _run.PublishAsync(TwoImages());

        Assert.DoesNotContain(_github.Requests, r => r.Template!.Contains("/comments", StringComparison.Ordinal));
        Assert.All(_github.CheckRuns, c => Assert.Equal(AzureDevOpsRun.MergeCommit, (string)c.Create["head_sha"]!));
        Assert.Equal(2, _github.CheckRuns.Count);
    }

    [Fact]
    public async Task Without_a_GitHub_token_nothing_is_sent_and_the_note_names_the_input_to_set()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), scheme: null);
        _run.Variables.Remove("GITHUB_TOKEN");

        var report = await _run.PublishAsync(TwoImages());

        Assert.Empty(_github.Requests);
        var note = Assert.Single(report.Notes);
        Assert.Contains("No GitHub token", note, StringComparison.Ordinal);
        Assert.Contains("gitHubConnection", note, StringComparison.Ordinal);
        Assert.Null(report.GitHub);
        Assert.Contains("##vso[task.logissue type=error;", _run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forks_build_without_a_token_is_told_apart()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpenedFromFork(), scheme: null);
        _run.Variables.Remove("GITHUB_TOKEN");
        _run.Variables["SYSTEM_PULLREQUEST_ISFORK"] = "True";

        var report = await _run.PublishAsync(TwoImages());

        Assert.Empty(_github.Requests);
        Assert.Contains("comes from a fork", Assert.Single(report.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_comment_and_status_switches_off_nothing_goes_to_GitHub()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "InstallationToken");
        _run.Variables["RAMPARTTASK_COMMENT"] = "false";
        _run.Variables["RAMPARTTASK_STATUS"] = "false";

        var report = await _run.PublishAsync(TwoImages());

        Assert.Empty(_github.Requests);
        Assert.Null(report.GitHub);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public async Task A_long_title_is_cut_to_GitHubs_140_characters_for_a_commit_status()
    {
        _run.BuildGitHubPullRequest(_github, WebhookPayloads.PullRequestOpened(), "OAuth");
        var results = TestScans.Results(TestScans.Image("docker:shop/api:pr-2", TestScans.Many(1), grade: new string('C', 150)));

        await _run.PublishAsync(results);

        var description = (string)Assert.Single(_github.CommitStatuses).Create["description"]!;
        Assert.Equal(GitHubPublisher.CommitStatusDescriptionLimit, description.Length);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
    }
}
