using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests;

/// <summary>
/// The publisher against a local GitHub that checks every request against GitHub's OpenAPI description and answers
/// with its examples, driven by real webhook payloads.
/// </summary>
public sealed class GitHubPublisherContractTests : IDisposable
{
    private const string ResourceNotAccessible =
        """{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest/issues/comments#create-an-issue-comment","status":"403"}""";

    private readonly FakeGitHub _github = new();

    /// <summary>Every test ends by checking that each request it caused matched GitHub's description.</summary>
    public void Dispose()
    {
        _github.Dispose();
        var violations = _github.Violations;
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    private static string HeadSha => (string)WebhookPayloads.PullRequestOpened()["pull_request"]!["head"]!["sha"]!;

    private static ScanResults OneImage(int findings = 3) =>
        TestScans.Results(TestScans.Image("docker:example/app:1.0", TestScans.Many(findings)));

    [Fact]
    public async Task FirstRun_PullRequestOpened_CreatesCommentAndCheckRunOnHeadSha()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        var results = OneImage();

        var report = await run.PublishAsync(results);

        Assert.False(report.Degraded);
        Assert.Empty(report.Errors);
        var comment = Assert.Single(report.Comments);
        Assert.Equal(CommentAction.Created, comment.Action);
        var stored = Assert.Single(_github.Comments);
        Assert.StartsWith($"<!-- rampart:{GitHubPublisher.MarkerKeyFor(results.Images[0])} -->", stored.Body, StringComparison.Ordinal);
        var check = Assert.Single(_github.CheckRuns);
        Assert.Equal("Rampart: docker:example/app:1.0", (string)check.Create["name"]!);
        Assert.Equal(HeadSha, (string)check.Create["head_sha"]!);
        Assert.Equal("completed", (string)check.Create["status"]!);
        Assert.Equal("failure", (string)check.Create["conclusion"]!);
        Assert.Equal("https://github.com/Codertocat/Hello-World/actions/runs/4242", (string)check.Create["details_url"]!);
        var annotations = check.Create["output"]!["annotations"]!.AsArray();
        Assert.Equal(3, annotations.Count);
        Assert.All(annotations, a => Assert.Equal("Dockerfile", (string)a!["path"]!));
        Assert.All(_github.Requests, r => Assert.Equal($"token {FakeGitHub.Token}", r.Authorization, ignoreCase: true));
        Assert.Contains("## Rampart summary", run.Summary, StringComparison.Ordinal);
        Assert.Equal("failed", run.Outputs["gate"]);
        Assert.DoesNotContain("::error", run.Log, StringComparison.Ordinal);
        Assert.Contains($"::add-mask::{FakeGitHub.Token}", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_CommentOnSecondPage_IsUpdatedInPlace()
    {
        var results = OneImage();
        var marker = $"<!-- rampart:{GitHubPublisher.MarkerKeyFor(results.Images[0])} -->";
        for (var i = 0; i < 130; i++)
        {
            _github.AddComment("reviewer", $"comment {i}");
        }

        var ours = _github.AddComment("github-actions[bot]", marker + "\nold report");
        _github.AddComment("reviewer", "after");
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.Example("pull_request", "synchronize"));

        var report = await run.PublishAsync(results);

        var comment = Assert.Single(report.Comments);
        Assert.Equal(CommentAction.Updated, comment.Action);
        Assert.Equal(ours, comment.Id);
        Assert.Equal(132, _github.Comments.Count);
        Assert.Contains("## Rampart: docker:example/app:1.0", _github.Comments.Single(c => c.Id == ours).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_github.Requests, r => r.Method == "POST" && r.Template!.EndsWith("/comments", StringComparison.Ordinal));
        var pages = _github.Requests.Where(r => r.Is("GET", "/comments")).Select(r => r.Query.GetValueOrDefault("page", "1")).ToList();
        Assert.Equal(["1", "2"], pages);
        Assert.All(_github.Requests.Where(r => r.Is("GET", "/comments")), r => Assert.Equal("100", r.Query["per_page"]));
    }

    [Fact]
    public async Task Rerun_SameReport_LeavesCommentUnchanged()
    {
        var results = OneImage();
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        await run.PublishAsync(results);

        var report = await run.PublishAsync(results);

        Assert.Equal(CommentAction.Unchanged, Assert.Single(report.Comments).Action);
        Assert.Single(_github.Comments);
        Assert.DoesNotContain(_github.Requests, r => r.Is("PATCH", "{comment_id}"));
    }

    [Fact]
    public async Task Duplicates_LeftByEarlierRuns_OldestKeptOthersDeleted()
    {
        var results = OneImage();
        var marker = $"<!-- rampart:{GitHubPublisher.MarkerKeyFor(results.Images[0])} -->";
        var oldest = _github.AddComment("github-actions[bot]", marker + "\nfirst");
        _github.AddComment("reviewer", "> " + marker + "\nquoted, not ours");
        _github.AddComment("github-actions[bot]", marker + "\nsecond");
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(results);

        var comment = Assert.Single(report.Comments);
        Assert.Equal((oldest, 1), (comment.Id, comment.DuplicatesDeleted));
        Assert.Equal(2, _github.Comments.Count);
        Assert.Contains(_github.Comments, c => c.Body.StartsWith("> ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherJobCreatesItsCommentMeanwhile_OursIsDeletedAndTheOlderOneUpdated()
    {
        var results = OneImage();
        var marker = $"<!-- rampart:{GitHubPublisher.MarkerKeyFor(results.Images[0])} -->";
        long other = 0;
        _github.BeforeCreateComment = () =>
        {
            _github.BeforeCreateComment = null;
            other = _github.AddComment("github-actions[bot]", marker + "\nthe other job's report");
        };
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(results);

        var comment = Assert.Single(report.Comments);
        Assert.Equal((other, CommentAction.Updated, 1), (comment.Id, comment.Action, comment.DuplicatesDeleted));
        var stored = Assert.Single(_github.Comments);
        Assert.Contains("## Rampart: docker:example/app:1.0", stored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoJobsAtOnce_LeaveExactlyOneComment()
    {
        var results = OneImage();
        using var first = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        using var second = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        await Task.WhenAll(Task.Run(() => first.PublishAsync(results)), Task.Run(() => second.PublishAsync(results)));

        Assert.Single(_github.Comments);
    }

    [Fact]
    public async Task MoreThanFiftyAnnotations_AreSentFiftyPerRequest()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(OneImage(findings: 120));

        var result = Assert.Single(report.CheckRuns);
        Assert.Equal((120, 3), (result.Annotations, result.Requests));
        var check = Assert.Single(_github.CheckRuns);
        Assert.Equal(50, check.Create["output"]!["annotations"]!.AsArray().Count);
        Assert.Equal([50, 20], check.Updates.Select(u => u["output"]!["annotations"]!.AsArray().Count));
        var lines = new[] { check.Create }.Concat(check.Updates)
            .SelectMany(b => b["output"]!["annotations"]!.AsArray())
            .Select(a => (int)a!["start_line"]!)
            .Order();
        Assert.Equal(Enumerable.Range(1, 120), lines);
    }

    [Fact]
    public async Task ForkPullRequest_PostsNothing_FallsBackToSummaryLogAndPullRequestFile()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpenedFromFork());

        var report = await run.PublishAsync(OneImage(findings: 30));

        Assert.Empty(_github.Requests);
        Assert.True(report.Degraded);
        Assert.Contains("comes from a fork", run.Summary, StringComparison.Ordinal);
        Assert.Contains("## Rampart summary", run.Summary, StringComparison.Ordinal);
        Assert.NotNull(report.LogAnnotations);
        var commands = run.Log.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal) && !l.StartsWith("::add-mask", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count(l => l.StartsWith("::error", StringComparison.Ordinal)) <= 10);
        Assert.True(commands.Count(l => l.StartsWith("::warning", StringComparison.Ordinal)) <= 10);
        Assert.True(commands.Count(l => l.StartsWith("::notice", StringComparison.Ordinal)) <= 10);
        Assert.Contains(commands, l => l.StartsWith("::error file=Dockerfile,line=", StringComparison.Ordinal));
        Assert.Contains("not annotated here", commands[^1], StringComparison.Ordinal);
        Assert.Equal(30, report.LogAnnotations.Shown + report.LogAnnotations.Omitted);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(run.ResultsPath)!, "rampart-pull-request.json"), report.PullRequestFile);
        Assert.Contains(HeadSha, await File.ReadAllTextAsync(report.PullRequestFile!), StringComparison.Ordinal);
        Assert.Equal("failed", run.Outputs["gate"]);
    }

    [Fact]
    public async Task ReadOnlyToken_403_IsNotRetried_AndDegradesToSummaryAndLog()
    {
        _github.Intercept = r => r.Method is "POST" or "PATCH" ? new Reply(403, ResourceNotAccessible) : null;
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(TestScans.Results(
            TestScans.Image("docker:example/a:1", TestScans.Many(2)),
            TestScans.Image("docker:example/b:1", TestScans.Many(2))));

        Assert.True(report.Degraded);
        Assert.Empty(report.Errors);
        Assert.Equal(1, _github.Requests.Count(r => r.Is("POST", "/comments")));
        Assert.Equal(1, _github.Requests.Count(r => r.Is("POST", "/check-runs")));
        Assert.Empty(run.Time.Waits);
        Assert.Contains("pull-requests: write", run.Summary, StringComparison.Ordinal);
        Assert.Contains("checks: write", run.Summary, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by integration", run.Summary, StringComparison.Ordinal);
        Assert.Equal(4, report.LogAnnotations!.Shown);
        Assert.NotNull(report.PullRequestFile);
    }

    [Fact]
    public async Task TooManyRequests_429_WaitsRetryAfterThenSucceeds()
    {
        var refused = 0;
        _github.Intercept = r => r.Is("POST", "/check-runs") && refused++ < 2
            ? new Reply(429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "7" })
            : null;
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(OneImage());

        Assert.Single(report.CheckRuns);
        Assert.Empty(report.Errors);
        Assert.Equal(3, _github.Requests.Count(r => r.Is("POST", "/check-runs")));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], run.Time.Waits);
    }

    [Fact]
    public async Task SecondaryRateLimit_403WithRateLimitReset_IsRetried()
    {
        var refused = false;
        var reset = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _github.Intercept = r =>
        {
            if (!r.Is("POST", "/comments") || refused)
            {
                return null;
            }

            refused = true;
            return new Reply(
                403,
                """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}""",
                new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset });
        };
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(OneImage());

        Assert.Equal(CommentAction.Created, Assert.Single(report.Comments).Action);
        Assert.False(report.Degraded);
        var wait = Assert.Single(run.Time.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(21));
    }

    [Fact]
    public async Task ServerErrors_RetriedWithBackoff_ThenFailNamingOperationAndStatus()
    {
        _github.Intercept = r => r.Is("POST", "/check-runs") ? new Reply(502, """{"message":"Server Error"}""") : null;
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(OneImage());

        var error = Assert.Single(report.Errors);
        Assert.StartsWith("create check run: HTTP 502", error, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", error, StringComparison.Ordinal);
        Assert.Equal(4, _github.Requests.Count(r => r.Is("POST", "/check-runs")));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], run.Time.Waits);
        Assert.Contains("create check run: HTTP 502", run.Summary, StringComparison.Ordinal);
        Assert.Equal(3, report.LogAnnotations!.Shown);
        Assert.DoesNotContain(FakeGitHub.Token, run.Summary + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitLongerThanWeWait_FailsAtOnce()
    {
        _github.Intercept = r => r.Is("POST", "/comments")
            ? new Reply(429, """{"message":"Too many requests"}""", new Dictionary<string, string> { ["Retry-After"] = "3600" })
            : null;
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());

        var report = await run.PublishAsync(OneImage());

        Assert.StartsWith("create pull request comment: HTTP 429", Assert.Single(report.Errors), StringComparison.Ordinal);
        Assert.Empty(run.Time.Waits);
        Assert.Single(report.CheckRuns);
    }

    [Fact]
    public async Task WorkflowRun_ForkPullRequest_PublishesFromThePullRequestFileOnceTheApiConfirmsIt()
    {
        var results = OneImage();
        using (var scan = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpenedFromFork()))
        {
            await scan.PublishAsync(results);
            var payload = WebhookPayloads.WorkflowRunCompletedWithoutPullRequests();
            payload["workflow_run"]!["head_sha"] = HeadSha;
            using var publish = new PublishRun(_github, "workflow_run", payload);
            Directory.CreateDirectory(Path.GetDirectoryName(publish.ResultsPath)!);
            File.Copy(Path.Combine(Path.GetDirectoryName(scan.ResultsPath)!, "rampart-pull-request.json"), Path.Combine(Path.GetDirectoryName(publish.ResultsPath)!, "rampart-pull-request.json"));
            _github.PullRequests[2] = (HeadSha, PublishRun.Repository);

            var report = await publish.PublishAsync(results);

            Assert.False(report.Degraded);
            Assert.Equal(CommentAction.Created, Assert.Single(report.Comments).Action);
            Assert.Equal(HeadSha, (string)Assert.Single(_github.CheckRuns).Create["head_sha"]!);
            Assert.Contains(_github.Requests, r => r.Is("GET", "/pulls/{pull_number}") && r.Path.EndsWith("/pulls/2", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WorkflowRun_PullRequestMovedOn_PostsNoComment()
    {
        var payload = WebhookPayloads.WorkflowRunCompletedWithoutPullRequests();
        payload["workflow_run"]!["head_sha"] = HeadSha;
        using var publish = new PublishRun(_github, "workflow_run", payload);
        await File.WriteAllTextAsync(
            Path.Combine(Path.GetDirectoryName(publish.ResultsPath)!, "rampart-pull-request.json"),
            $$"""{"number": 2, "headSha": "{{HeadSha}}", "repository": "{{PublishRun.Repository}}"}""");
        _github.PullRequests[2] = (new string('f', 40), PublishRun.Repository);

        var report = await publish.PublishAsync(OneImage());

        Assert.Empty(report.Comments);
        Assert.Empty(_github.Comments);
        Assert.Contains(report.Notes, n => n.Contains("not at the scanned commit", StringComparison.Ordinal));
        Assert.Single(report.CheckRuns);
    }

    [Fact]
    public async Task WorkflowRun_PullRequestFileForAnotherCommit_IsNotEvenLookedUp()
    {
        var payload = WebhookPayloads.WorkflowRunCompletedWithoutPullRequests();
        using var publish = new PublishRun(_github, "workflow_run", payload);
        await File.WriteAllTextAsync(
            Path.Combine(Path.GetDirectoryName(publish.ResultsPath)!, "rampart-pull-request.json"),
            $$"""{"number": 2, "headSha": "{{HeadSha}}", "repository": "{{PublishRun.Repository}}"}""");

        var report = await publish.PublishAsync(OneImage());

        Assert.Empty(report.Comments);
        Assert.DoesNotContain(_github.Requests, r => r.Is("GET", "/pulls/{pull_number}"));
        Assert.Contains(report.Notes, n => n.Contains("not this repository at the finished run's commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SurfacesSwitchedOff_AreNotPosted()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        run.Variables["INPUT_COMMENT"] = "false";
        run.Variables["INPUT_ANNOTATIONS"] = "false";
        run.Variables["INPUT_SUMMARY"] = "false";

        var report = await run.PublishAsync(OneImage());

        Assert.Empty(_github.Requests);
        Assert.Null(report.LogAnnotations);
        Assert.False(report.SummaryWritten);
        Assert.Equal(string.Empty, run.Summary);
        Assert.True(report.OutputsWritten);
        Assert.False(report.Degraded);
    }

    [Fact]
    public async Task CommentTooLongForACheckRunSummary_CheckRunGetsAShortOne()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        var results = OneImage();
        var artifacts = PublishRun.Artifacts(results, i => $"<!-- rampart:{GitHubPublisher.MarkerKeyFor(i)} -->\n".PadRight(65_536, 'x'));

        await run.PublishAsync(results, artifacts);

        var summary = (string)Assert.Single(_github.CheckRuns).Create["output"]!["summary"]!;
        Assert.StartsWith("**Hardening C (72/100): gate failed**", summary, StringComparison.Ordinal);
        Assert.Contains("- docker:example/app:1.0: HRD-", summary, StringComparison.Ordinal);
        Assert.EndsWith("The full report is in the pull-request comment and the job summary.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportLargerThanTheJobSummaryLimit_IsReplacedByANoteNamingTheFile()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpenedFromFork());
        var results = OneImage();

        var report = await run.PublishAsync(results, PublishRun.Artifacts(results) with { SummaryMarkdown = new string('x', GitHubActionsHost.StepSummaryLimit) });

        Assert.True(report.SummaryReplacedByNote);
        Assert.Contains("comes from a fork", run.Summary, StringComparison.Ordinal);
        Assert.Contains("larger than GitHub's 1 MiB job summary; it is in `out/report.md`.", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_PostsCheckRunOnThePushedCommit_AndNoComment()
    {
        using var run = new PublishRun(_github, "push", WebhookPayloads.Example("push", null));

        var report = await run.PublishAsync(OneImage());

        Assert.Empty(report.Comments);
        Assert.Equal("0000000000000000000000000000000000000001", (string)Assert.Single(_github.CheckRuns).Create["head_sha"]!);
    }

    [Fact]
    public async Task PassingGate_CheckRunSucceeds_AndWaivedFindingsAreNotices()
    {
        using var run = new PublishRun(_github, "pull_request", WebhookPayloads.PullRequestOpened());
        var results = TestScans.Results(TestScans.Image("docker:example/app:1.0", [TestScans.Finding("HRD-001", Severity.Critical, 4, waived: true)], 95, "A"));

        await run.PublishAsync(results);

        var check = Assert.Single(_github.CheckRuns).Create;
        Assert.Equal("success", (string)check["conclusion"]!);
        Assert.Equal("notice", (string)check["output"]!["annotations"]![0]!["annotation_level"]!);
        Assert.Equal("Hardening A (95/100): gate passed", (string)check["output"]!["title"]!);
    }

    [Fact]
    public void Description_RejectsARequestThatBreaksTheOperation()
    {
        var problems = OpenApiDescription.Instance.Check(
            "POST",
            "/repos/o/r/check-runs",
            new Dictionary<string, string> { ["bogus"] = "1" },
            "application/json",
            """{"name":"x","output":{"title":"t","summary":"s","annotations":[{"path":"Dockerfile","start_line":"one","annotation_level":"fatal","message":"m"}]}}""");

        Assert.Contains(problems, p => p.Contains("bogus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("head_sha", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/output/annotations/0/start_line", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("/output/annotations/0/annotation_level", StringComparison.Ordinal));
    }
}
