using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Publishing.AzureDevOps;
using Rampart.Testing;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>
/// The requests the publisher sends to Azure Repos, checked by <see cref="FakeAzureDevOps"/> against the documented
/// 7.1 operations (the shapes and their sources are listed there), and what the server ends up holding.
/// </summary>
public sealed class AzureDevOpsPublisherContractTests : IDisposable
{
    private const string Image = "docker:shop/api:pr-42";
    private readonly FakeAzureDevOps _server = new();
    private readonly AzureDevOpsRun _run;

    public AzureDevOpsPublisherContractTests() => _run = new AzureDevOpsRun(_server);

    public void Dispose()
    {
        _run.Dispose();
        _server.Dispose();
    }

    private static ScanResults Failing() => TestScans.Results(TestScans.Image(Image,
    [
        TestScans.Finding("HRD-001", Severity.High, 3),
        TestScans.Finding("HRD-002", Severity.Medium, 5),
        TestScans.Finding("HRD-003", Severity.High, 7, waived: true),
        TestScans.Finding("HRD-004", Severity.Critical, null),
    ]));

    private static ScanResults Passing() => TestScans.Results(TestScans.Image(Image, [TestScans.Finding("HRD-002", Severity.Medium, 5)], score: 90, grade: "A"));

    private static List<JsonObject> Created(IEnumerable<AdoRequest> requests) =>
        requests.Where(r => r.Method == "POST" && r.Operation == "threads").Select(r => r.Json!).ToList();

    /// <summary>A thread's key as sent (a plain value) or as the server keeps it (typed).</summary>
    private static string? Key(JsonObject thread) => thread["properties"]?["rampart.key"] switch
    {
        JsonObject typed => (string?)typed["$value"],
        var plain => (string?)plain,
    };

    [Fact]
    public async Task A_first_run_creates_the_summary_thread_the_line_threads_and_a_status_per_gate()
    {
        var report = await _run.PublishAsync(Failing(), "## Rampart: docker:shop/api:pr-42\n\nGrade C\n");

        Assert.Empty(_server.Violations);
        Assert.Equal(
            ["GET threads", "POST threads", "POST threads", "POST threads", "POST statuses", "POST statuses"],
            _server.Requests.Select(r => $"{r.Method} {r.Operation}"));
        var created = Created(_server.Requests);

        var summary = created[0];
        Assert.Equal("rampart/7/summary", Key(summary));
        Assert.Equal("active", (string?)summary["status"]);
        Assert.Null(summary["threadContext"]);
        var content = (string)summary["comments"]![0]!["content"]!;
        Assert.StartsWith("## Rampart: docker:shop/api:pr-42\n\nGrade C", content, StringComparison.Ordinal);
        Assert.EndsWith($"_Rampart, build [812]({_server.CollectionUri}Shop/_build/results?buildId=812), commit 0a1b2c3d_\n", content, StringComparison.Ordinal);
        Assert.Equal(ThreadAction.Created, report.SummaryThread);

        var high = created[1];
        Assert.Equal("rampart/7/finding/HRD-001:Dockerfile:3", Key(high));
        Assert.Equal("active", (string?)high["status"]);
        Assert.Equal("/Dockerfile", (string?)high["threadContext"]!["filePath"]);
        Assert.Equal(3, (int)high["threadContext"]!["rightFileStart"]!["line"]!);
        Assert.Equal(3, (int)high["threadContext"]!["rightFileEnd"]!["line"]!);
        Assert.Contains("**HRD-001** (high) HRD-001 title", (string)high["comments"]![0]!["content"]!, StringComparison.Ordinal);
        Assert.Contains("This fails the gate (at or above high).", (string)high["comments"]![0]!["content"]!, StringComparison.Ordinal);
        var medium = created[2];
        Assert.Equal("rampart/7/finding/HRD-002:Dockerfile:5", Key(medium));
        Assert.Equal("fixed", (string?)medium["status"]);
        Assert.Equal(2, report.LineThreadsCreated);

        var hardening = _server.Statuses.Single(s => (string?)s["context"]!["name"] == "hardening");
        Assert.Equal("rampart", (string?)hardening["context"]!["genre"]);
        Assert.Equal("failed", (string?)hardening["state"]);
        Assert.Equal("Hardening C (72/100): 2 rules at or above high", (string?)hardening["description"]);
        Assert.Equal($"{_server.CollectionUri}Shop/_build/results?buildId=812", (string?)hardening["targetUrl"]);
        var lockIn = _server.Statuses.Single(s => (string?)s["context"]!["name"] == "lock-in");
        Assert.Equal("notApplicable", (string?)lockIn["state"]);
        Assert.Equal(["rampart/hardening: failed", "rampart/lock-in: notApplicable"], report.Statuses);
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task A_later_run_edits_the_same_thread_in_place_and_resolves_it_once_nothing_blocks()
    {
        await _run.PublishAsync(Failing(), "first report\n");
        var summaryId = (int)_server.Threads.Single(t => Key(t) == "rampart/7/summary")["id"]!;
        var firstRun = _server.Requests.Count;

        var report = await _run.PublishAsync(Passing(), "second report\n");

        Assert.Empty(_server.Violations);
        var second = _server.Requests.Skip(firstRun).ToList();
        Assert.Empty(Created(second));
        Assert.Contains(second, r => r.Method == "PATCH" && r.Operation == $"threads/{summaryId}/comments/1" && ((string)r.Json!["content"]!).StartsWith("second report", StringComparison.Ordinal));
        Assert.Contains(second, r => r.Method == "PATCH" && r.Operation == $"threads/{summaryId}" && (string?)r.Json!["status"] == "fixed");
        Assert.Single(_server.Threads, t => Key(t) == "rampart/7/summary");
        Assert.Equal("fixed", (string?)_server.Thread(summaryId)["status"]);
        Assert.Equal(ThreadAction.Updated, report.SummaryThread);
        Assert.Equal(summaryId, report.SummaryThreadId);

        var gone = _server.Threads.Single(t => Key(t) == "rampart/7/finding/HRD-001:Dockerfile:3");
        Assert.Equal("fixed", (string?)gone["status"]);
        Assert.Equal(1, report.LineThreadsResolved);
        Assert.Equal("succeeded", (string?)_server.Statuses.Last(s => (string?)s["context"]!["name"] == "hardening")["state"]);

        var secondRun = _server.Requests.Count;
        var third = await _run.PublishAsync(Passing(), "second report\n");
        Assert.Equal(ThreadAction.Unchanged, third.SummaryThread);
        Assert.DoesNotContain(_server.Requests.Skip(secondRun), r => r.Method == "PATCH" || (r.Method == "POST" && r.Operation == "threads"));
    }

    [Fact]
    public async Task The_summary_thread_is_found_by_its_property_among_other_threads()
    {
        _server.AddThread(null, "A reviewer's question", "active");
        _server.AddThread("rampart/99/summary", "Another pipeline's report", "active");
        var mine = _server.AddThread("rampart/7/summary", "An earlier report", "closed");

        var report = await _run.PublishAsync(Failing(), "new report\n");

        Assert.Empty(_server.Violations);
        Assert.Equal(ThreadAction.Updated, report.SummaryThread);
        Assert.Equal(mine, report.SummaryThreadId);
        Assert.DoesNotContain(Created(_server.Requests), t => Key(t) == "rampart/7/summary");
        Assert.StartsWith("new report", (string)_server.Thread(mine)["comments"]![0]!["content"]!, StringComparison.Ordinal);
        Assert.Equal("active", (string?)_server.Thread(mine)["status"]);
        Assert.Equal("Another pipeline's report", (string)_server.Threads.Single(t => Key(t) == "rampart/99/summary")["comments"]![0]!["content"]!);
    }

    [Fact]
    public async Task A_reviewer_status_on_the_summary_holds_while_the_gate_fails_and_duplicates_are_closed()
    {
        var kept = _server.AddThread("rampart/7/summary", "report", "wontFix");
        var duplicate = _server.AddThread("rampart/7/summary", "report from a concurrent run", "active");

        await _run.PublishAsync(Failing(), "report\n");

        Assert.Empty(_server.Violations);
        Assert.Equal("wontFix", (string?)_server.Thread(kept)["status"]);
        Assert.Equal("closed", (string?)_server.Thread(duplicate)["status"]);
    }

    [Fact]
    public async Task A_token_without_Contribute_to_pull_requests_is_a_note_naming_the_permission()
    {
        _server.Intercept = _ => FakeAzureDevOps.Error(401,
            "TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity 'Build\\6f1d2c4e', scope 'repository'.");

        var report = await _run.PublishAsync(Failing());

        Assert.Single(_server.Requests);
        Assert.Empty(report.Errors);
        var note = Assert.Single(report.Notes);
        Assert.Contains("HTTP 401 TF401027", note, StringComparison.Ordinal);
        Assert.Contains("'Contribute to pull requests'", note, StringComparison.Ordinal);
        Assert.Null(report.SummaryThread);
        Assert.Empty(report.Statuses);
        Assert.DoesNotContain(FakeAzureDevOps.Token, note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_and_rate_limits_are_retried_after_the_wait_the_server_asks_for()
    {
        var answers = new Queue<Reply>([
            FakeAzureDevOps.Error(503, "TF400898: An Internal Error Occurred."),
            FakeAzureDevOps.Error(429, "TF400733: The request has been throttled.") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "7" } },
        ]);
        _server.Intercept = _ => answers.TryDequeue(out var answer) ? answer : null;

        var report = await _run.PublishAsync(Failing());

        Assert.Empty(_server.Violations);
        Assert.Empty(report.Errors);
        Assert.Equal(3, _server.Requests.Count(r => r.Method == "GET" && r.Operation == "threads"));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(7)], _run.Time.Waits);
        Assert.Equal(ThreadAction.Created, report.SummaryThread);
    }

    [Fact]
    public async Task A_call_that_keeps_failing_is_an_error_and_the_other_surfaces_still_publish()
    {
        _server.Intercept = r => r.Operation == "statuses" && r.Json!["context"]!["name"]!.ToString() == "hardening"
            ? FakeAzureDevOps.Error(500, "TF400898: An Internal Error Occurred.")
            : null;

        var report = await _run.PublishAsync(Failing());

        var error = Assert.Single(report.Errors);
        Assert.Equal("post the hardening status: HTTP 500 TF400898: An Internal Error Occurred. (after 4 attempts)", error);
        Assert.Equal(["rampart/lock-in: notApplicable"], report.Statuses);
        Assert.Equal(ThreadAction.Created, report.SummaryThread);
    }

    [Fact]
    public async Task At_most_twenty_line_threads_are_opened_a_run()
    {
        var findings = Enumerable.Range(1, 25).Select(i => TestScans.Finding($"HRD-{i:000}", Severity.High, i)).ToList();

        var report = await _run.PublishAsync(TestScans.Results(TestScans.Image(Image, findings)));

        Assert.Empty(_server.Violations);
        Assert.Equal(20, Created(_server.Requests).Count(t => t["threadContext"] is not null));
        Assert.Equal(20, report.LineThreadsCreated);
        Assert.Equal(5, report.LineThreadsOmitted);
        Assert.Contains(report.Notes, n => n.StartsWith("5 more findings on Dockerfile lines got no thread", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lock_in_over_the_threshold_fails_its_status_and_the_iteration_is_named()
    {
        _run.Variables["SYSTEM_PULLREQUEST_PULLREQUESTITERATION"] = "3";
        var image = TestScans.Image(Image, [], score: 95, grade: "A", lockIn: TestScans.LockIn(71.25, LockInLevel.High));
        var results = TestScans.Results(image) with { Gate = Gate.Evaluate([image], Severity.High, LockInLevel.Moderate) };

        var report = await _run.PublishAsync(results);

        Assert.Empty(_server.Violations);
        var lockIn = _server.Statuses.Single(s => (string?)s["context"]!["name"] == "lock-in");
        Assert.Equal("failed", (string?)lockIn["state"]);
        Assert.Equal("Lock-in high (71.3/100): at or above moderate", (string?)lockIn["description"]);
        Assert.All(_server.Statuses, s => Assert.Equal(3, (int)s["iterationId"]!));
        Assert.Equal(["rampart/hardening: succeeded", "rampart/lock-in: failed"], report.Statuses);
    }

    [Theory]
    [InlineData("SYSTEM_PULLREQUEST_PULLREQUESTID", null, "Not a pull-request build")]
    [InlineData("BUILD_REPOSITORY_PROVIDER", "Bitbucket", "The repository is on Bitbucket; Rampart posts to Azure Repos and GitHub pull requests only")]
    [InlineData("SYSTEM_ACCESSTOKEN", null, "SYSTEM_ACCESSTOKEN is not set")]
    public async Task Without_an_Azure_Repos_pull_request_and_a_token_nothing_is_sent(string variable, string? value, string note)
    {
        _run.Variables[variable] = value;

        var report = await _run.PublishAsync(Failing());

        Assert.Empty(_server.Requests);
        Assert.Contains(report.Notes, n => n.StartsWith(note, StringComparison.Ordinal));
        Assert.True(report.OutputsWritten);
    }

    [Fact]
    public async Task Switched_off_surfaces_send_nothing()
    {
        _run.Variables["RAMPARTTASK_COMMENT"] = "false";
        _run.Variables["RAMPARTTASK_LINE_COMMENTS"] = "false";
        _run.Variables["RAMPARTTASK_STATUS"] = "false";
        _run.Variables["RAMPARTTASK_ANNOTATIONS"] = "false";
        _run.Variables["RAMPARTTASK_OUTPUTS"] = "false";

        var report = await _run.PublishAsync(Failing());

        Assert.Empty(_server.Requests);
        Assert.False(report.OutputsWritten);
        Assert.False(report.SummaryWritten);
        Assert.Null(report.Annotations);
        Assert.Equal($"##vso[task.setsecret]{FakeAzureDevOps.Token}", _run.Log.Trim());
    }

    [Fact]
    public async Task The_log_has_the_outputs_the_summary_and_issues_on_Dockerfile_lines_and_the_token_only_to_mask_it()
    {
        var report = await _run.PublishAsync(Failing(), "## Rampart\n");

        var lines = _run.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"##vso[task.setsecret]{FakeAzureDevOps.Token}", lines[0]);
        Assert.Single(lines, l => l.Contains(FakeAzureDevOps.Token, StringComparison.Ordinal));
        Assert.Contains("##vso[task.setvariable variable=gateResult;isOutput=true;issecret=false]failed", lines);
        Assert.Contains("##vso[task.setvariable variable=hardeningGrade;isOutput=true;issecret=false]C", lines);
        Assert.Contains("##vso[task.setvariable variable=resultsPath;isOutput=true;issecret=false]out/results.json", lines);
        Assert.Contains(
            $"##vso[task.logissue type=error;sourcepath={Path.Combine(_run.Sources, "Dockerfile")};linenumber=3]HRD-001 (high): {Image}: HRD-001 title%0AFix: Fix HRD-001",
            lines);
        var summary = Assert.Single(lines, l => l.StartsWith("##vso[task.addattachment type=Distributedtask.Core.Summary;name=Rampart]", StringComparison.Ordinal));
        Assert.Equal("## Rampart\n", await File.ReadAllTextAsync(summary[(summary.IndexOf(']', StringComparison.Ordinal) + 1)..]));
        Assert.True(report.OutputsWritten);
        Assert.True(report.SummaryWritten);
    }
}
