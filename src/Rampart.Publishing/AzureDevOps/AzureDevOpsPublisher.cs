using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Publishing.Ci;
using Rampart.Publishing.GitHub;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// Posts a scan's results where the reviewers of an Azure Pipelines build look: one sticky comment thread on the Azure
/// Repos pull request (closed when nothing blocks, so a "check for comment resolution" policy is not held; active when
/// the gate fails), a status per gate (<c>rampart/hardening</c>, <c>rampart/lock-in</c>) for status-check branch
/// policies, threads on the Dockerfile lines of findings, <c>task.logissue</c> errors and warnings, output variables
/// and the summary. Azure Repos calls use only the job token (<c>SYSTEM_ACCESSTOKEN</c>). A build of a GitHub
/// repository posts to GitHub instead, through <see cref="GitHubPublisher"/> with a GitHub token. No token is ever printed.
/// </summary>
public sealed class AzureDevOpsPublisher
{
    /// <summary>Azure DevOps refuses a comment longer than this ("A discussion comment cannot be longer than 150000 characters").</summary>
    public const int CommentLimit = 150_000;

    /// <summary>New finding threads per run; the rest are counted in the report.</summary>
    public const int MaxNewLineThreads = 20;

    /// <summary>The genre of Rampart's statuses: a branch policy names them <c>rampart/hardening</c> and <c>rampart/lock-in</c>.</summary>
    public const string StatusGenre = "rampart";

    private const string ProviderAzureRepos = "TfsGit";
    private readonly TextWriter _log;
    private readonly HttpMessageHandler _handler;
    private readonly TimeProvider _time;
    private readonly AzureDevOpsRetryPolicy _retry;

    /// <param name="log">Standard output, which the agent reads for logging commands.</param>
    /// <param name="timeProvider">The clock for retry waits.</param>
    public AzureDevOpsPublisher(TextWriter log, TimeProvider timeProvider)
        : this(log, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, timeProvider, AzureDevOpsRetryPolicy.Default)
    {
    }

    internal AzureDevOpsPublisher(TextWriter log, HttpMessageHandler handler, TimeProvider timeProvider, AzureDevOpsRetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _log = log;
        _handler = handler;
        _time = timeProvider;
        _retry = retry;
    }

    /// <summary>
    /// Publishes to every surface the environment allows and says what it did. Output variables come first, so a later
    /// failure still leaves them. REST calls that fail after retries are listed in <see cref="AzureDevOpsPublishReport.Errors"/>
    /// rather than thrown; a refused token becomes a note that names the permission to grant.
    /// </summary>
    public async Task<AzureDevOpsPublishReport> PublishAsync(
        ScanResults results, AzureDevOpsReport report, AzureDevOpsEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(environment);
        var host = new AzurePipelinesHost(environment, _log);
        if (environment.Token is { } token)
        {
            host.MaskSecret(token.Value);
        }

        var surfaces = environment.Surfaces;
        var outputsWritten = surfaces.Outputs && await host.SetOutputsAsync(Outputs(results, report), cancellationToken).ConfigureAwait(false);
        var summaryWritten = surfaces.Outputs && await host.TryAppendSummaryAsync(report.Markdown, cancellationToken).ConfigureAwait(false);
        var annotations = surfaces.Annotations
            ? host.Annotate(results.Images.SelectMany(i => FindingAnnotations.For(i, report.MinimumSeverity, environment.SourcesDirectory)).ToList())
            : null;

        var run = new Run();
        PublishReport? github = null;
        if (environment.IsGitHubRepository)
        {
            github = await PublishToGitHubAsync(host, run, results, report, environment, cancellationToken).ConfigureAwait(false);
        }
        else if ((surfaces.Comment || surfaces.Status || surfaces.LineComments) && PullRequestUrl(environment, run) is { } url)
        {
            using var http = new HttpClient(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(100) };
            var api = new AzureDevOpsApi(http, url, environment.Token!, _retry, _time);
            await PostAsync(api, run, results, report, environment, cancellationToken).ConfigureAwait(false);
        }

        return new AzureDevOpsPublishReport
        {
            SummaryThread = run.SummaryThread,
            SummaryThreadId = run.SummaryThreadId,
            Statuses = run.Statuses,
            LineThreadsCreated = run.LineThreads.Created,
            LineThreadsUpdated = run.LineThreads.Updated,
            LineThreadsResolved = run.LineThreads.Resolved,
            LineThreadsOmitted = run.LineThreads.Omitted,
            Annotations = annotations,
            OutputsWritten = outputsWritten,
            SummaryWritten = summaryWritten,
            GitHub = github,
            Notes = [.. run.Notes, .. github?.Notes ?? []],
            Errors = [.. run.Errors, .. github?.Errors ?? []],
        };
    }

    /// <summary>
    /// The output variables, every one always set (empty when it does not apply), named as the Rampart task declares
    /// them. With several images the scores are the worst: the lowest hardening score and grade, the highest lock-in.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Outputs(ScanResults results, AzureDevOpsReport report)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(report);
        var images = results.Images;
        var lockIns = images.Where(i => i.LockIn is not null).Select(i => i.LockIn!).ToList();
        return
        [
            new("sbomPath", string.Join('\n', images.Where(i => i.Sbom is not null).Select(i => i.Sbom!.Path))),
            new("resultsPath", report.ResultsPath ?? string.Empty),
            new("sarifPath", report.SarifPath ?? string.Empty),
            new("markdownPath", report.MarkdownPath ?? string.Empty),
            new("hardeningScore", images.Count == 0 ? string.Empty : images.Min(i => i.Hardening.Score).ToString(CultureInfo.InvariantCulture)),
            new("hardeningGrade", images.Count == 0 ? string.Empty : images.Max(i => i.Hardening.Grade)!),
            new("lockInScore", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Score).ToString("0.#", CultureInfo.InvariantCulture)),
            new("lockInLevel", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Level).ToString().ToLowerInvariant()),
            new("gateResult", results.Gate.Failed ? "failed" : "passed"),
        ];
    }

    /// <summary>
    /// A GitHub repository's build: per image a sticky comment on the pull request (the "comment" switch), and a check
    /// run or commit status on its head (the "status" switch), with the GitHub token the task passes.
    /// </summary>
    private async Task<PublishReport?> PublishToGitHubAsync(
        AzurePipelinesHost host, Run run, ScanResults results, AzureDevOpsReport report, AzureDevOpsEnvironment environment, CancellationToken cancellationToken)
    {
        var surfaces = environment.Surfaces;
        if (!surfaces.Comment && !surfaces.Status)
        {
            return null;
        }

        if (report.GitHubComments is not { } comments)
        {
            throw new ArgumentException("A build of a GitHub repository needs the GitHub comment of each image.", nameof(report));
        }

        var repository = $"the GitHub repository {environment.RepositoryName ?? "(BUILD_REPOSITORY_NAME is not set)"}";
        if (environment.GitHubToken is not { } token)
        {
            run.Notes.Add(environment.IsFork
                ? $"The pull request comes from a fork, and Azure Pipelines gives a fork's build no secrets unless the pipeline allows it: nothing was posted to {repository}."
                : $"No GitHub token, so nothing was posted to {repository}: set the task's gitHubConnection input to a GitHub service connection " +
                    "(in a script step, map a token to GITHUB_TOKEN). Azure DevOps' job token cannot write to GitHub.");
            return null;
        }

        if (environment.RepositoryName?.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            run.Notes.Add($"BUILD_REPOSITORY_NAME is '{environment.RepositoryName}', not a GitHub repository's owner/name: nothing was posted to GitHub.");
            return null;
        }

        if (environment.GitHubApiUrl is not { } apiUrl)
        {
            run.Notes.Add($"BUILD_REPOSITORY_URI is not set, so the API of {repository} on GitHub Enterprise Server is not known: nothing was posted to GitHub.");
            return null;
        }

        if ((environment.SourceCommitId ?? environment.SourceVersion) is not { } commit)
        {
            run.Notes.Add($"Neither SYSTEM_PULLREQUEST_SOURCECOMMITID nor BUILD_SOURCEVERSION names the commit built: nothing was posted to {repository}.");
            return null;
        }

        var target = new GitHubRepositoryTarget
        {
            ApiUrl = apiUrl,
            Repository = environment.RepositoryName,
            PullRequest = environment.PullRequestNumber,
            HeadSha = commit,
            Token = token,
            TokenSource = environment.GitHubTokenSource,
            DetailsUrl = environment.BuildUrl,
            Workspace = environment.SourcesDirectory,
            Comment = surfaces.Comment,
            Checks = surfaces.Status,
        };
        return await new GitHubPublisher(host, _time).PublishAsync(results, comments, report.MinimumSeverity, target, cancellationToken).ConfigureAwait(false);
    }

    private static Uri? PullRequestUrl(AzureDevOpsEnvironment environment, Run run)
    {
        if (environment.PullRequestId is not { } pullRequest)
        {
            run.Notes.Add("Not a pull-request build (SYSTEM_PULLREQUEST_PULLREQUESTID is not set; Azure Repos queues pull-request builds through a build validation branch policy): nothing was posted to a pull request.");
            return null;
        }

        if (!string.Equals(environment.RepositoryProvider, ProviderAzureRepos, StringComparison.OrdinalIgnoreCase))
        {
            run.Notes.Add($"The repository is on {environment.RepositoryProvider ?? "an unknown provider"}; Rampart posts to Azure Repos and GitHub pull requests only: nothing was posted to pull request {pullRequest}.");
            return null;
        }

        if (environment.Token is null)
        {
            run.Notes.Add("SYSTEM_ACCESSTOKEN is not set, so nothing was posted to the pull request. The Rampart task passes the job token itself; in a script step, map it: env: SYSTEM_ACCESSTOKEN: $(System.AccessToken).");
            return null;
        }

        if (environment.CollectionUri is not { } collection || environment.Project is not { } project || environment.RepositoryId is not { } repository)
        {
            run.Notes.Add("SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECT or BUILD_REPOSITORY_ID is not set: nothing was posted to the pull request.");
            return null;
        }

        return AzureDevOpsApi.PullRequestUrl(collection, project, repository, pullRequest);
    }

    private static async Task PostAsync(
        AzureDevOpsApi api, Run run, ScanResults results, AzureDevOpsReport report, AzureDevOpsEnvironment environment, CancellationToken cancellationToken)
    {
        var surfaces = environment.Surfaces;
        var scope = $"rampart/{environment.DefinitionId ?? "pipeline"}/";
        var threadsApi = new PullRequestThreads(api);
        IReadOnlyList<ThreadInfo> threads = [];
        if (surfaces.Comment || surfaces.LineComments)
        {
            await run.TryAsync(environment, async () => threads = await threadsApi.ListAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        if (surfaces.Comment && run.MayCall)
        {
            await run.TryAsync(environment, async () =>
            {
                var (action, id) = await threadsApi.UpsertSummaryAsync(
                    threads, scope + "summary", CommentOf(report.Markdown, environment, run), results.Gate.Failed, cancellationToken).ConfigureAwait(false);
                run.SummaryThread = action;
                run.SummaryThreadId = id;
            }).ConfigureAwait(false);
        }

        if (surfaces.LineComments && run.MayCall)
        {
            await run.TryAsync(environment, async () =>
            {
                var findings = LineFindings(results, report.MinimumSeverity, environment.SourcesDirectory, scope + "finding/");
                run.LineThreads = await threadsApi.SyncFindingsAsync(threads, scope + "finding/", findings, MaxNewLineThreads, cancellationToken).ConfigureAwait(false);
                if (run.LineThreads.Omitted > 0)
                {
                    run.Notes.Add($"{run.LineThreads.Omitted} more findings on Dockerfile lines got no thread: Rampart opens at most {MaxNewLineThreads} a run. Every finding is in the report.");
                }
            }).ConfigureAwait(false);
        }

        if (surfaces.Status && run.MayCall)
        {
            foreach (var status in Statuses(results, environment))
            {
                await run.TryAsync(environment, async () =>
                {
                    await api.SendAsync($"post the {status["context"]!["name"]} status", HttpMethod.Post, "statuses", status, cancellationToken).ConfigureAwait(false);
                    run.Statuses.Add($"{StatusGenre}/{status["context"]!["name"]}: {status["state"]}");
                }).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The report, cut to Azure DevOps' limit if need be, and a last line naming the build and commit it describes.</summary>
    private static string CommentOf(string markdown, AzureDevOpsEnvironment environment, Run run)
    {
        var footer = new StringBuilder("\n\n---\n_Rampart");
        if (environment.BuildId is { } build)
        {
            footer.Append(", build ");
            footer.Append(environment.BuildUrl is { } url ? $"[{build}]({url})" : build);
        }

        if (environment.SourceCommitId is { } commit)
        {
            footer.Append(", commit ").Append(commit.Length > 8 ? commit[..8] : commit);
        }

        footer.Append("_\n");
        var room = CommentLimit - footer.Length;
        if (markdown.Length > room)
        {
            const string Cut = "\n\n_The report was cut to fit a pull-request comment; the full report is in the build's summary and artifacts._";
            markdown = markdown[..(room - Cut.Length)] + Cut;
            run.Notes.Add($"The report is longer than Azure DevOps' {CommentLimit} characters per comment; the comment was cut.");
        }

        return markdown.TrimEnd() + footer;
    }

    /// <summary>
    /// Unwaived findings at or above the display threshold that sit on a Dockerfile line inside the repository, once
    /// per rule and line, worst first. Findings that fail the gate are blocking.
    /// </summary>
    private static List<LineFinding> LineFindings(ScanResults results, Severity minimum, string? sourcesDirectory, string keyPrefix)
    {
        var failOn = results.Gate.FailOn;
        return results.Images
            .SelectMany(image => image.Hardening.Findings.Select(finding => (Image: image.Reference, Finding: finding)))
            .Where(f => !f.Finding.Waived && f.Finding.Severity >= minimum && f.Finding.Dockerfile is { Line: > 0 })
            .Select(f => (f.Image, f.Finding, Path: FindingAnnotations.RepositoryPath(f.Finding.Dockerfile!.Path, sourcesDirectory)))
            .Where(f => !Path.IsPathRooted(f.Path) && !f.Path.StartsWith("../", StringComparison.Ordinal))
            .OrderByDescending(f => f.Finding.Severity)
            .Select(f =>
            {
                var line = f.Finding.Dockerfile!.Line;
                var blocking = failOn is { } threshold && f.Finding.Severity >= threshold;
                return new LineFinding(
                    string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}{f.Finding.RuleId}:{f.Path}:{line}"),
                    "/" + f.Path,
                    line,
                    LineComment(f.Image, f.Finding, blocking, failOn),
                    blocking);
            })
            .DistinctBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string LineComment(string image, ReportedFinding finding, bool blocking, Severity? failOn)
    {
        var text = new StringBuilder()
            .Append("**").Append(finding.RuleId).Append("** (").Append(Name(finding.Severity)).Append(") ").Append(finding.Title).Append('\n');
        if (finding.Remediation is { Length: > 0 } remediation)
        {
            text.Append('\n').Append(remediation).Append('\n');
        }

        if (blocking)
        {
            text.Append("\nThis fails the gate (at or above ").Append(Name(failOn!.Value)).Append(").\n");
        }

        return text.Append("\n_Rampart, ").Append(image).Append('_').ToString();
    }

    /// <summary>One status per gate: failed when the gate names it, succeeded otherwise, not applicable when lock-in was not assessed.</summary>
    private static List<JsonObject> Statuses(ScanResults results, AzureDevOpsEnvironment environment)
    {
        var gate = results.Gate;
        var images = results.Images;
        var hardeningRules = gate.Reasons.Where(r => r.RuleId is not null).Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Count();
        var worst = images.Count == 0 ? null : images.MaxBy(i => i.Hardening.Grade, StringComparer.Ordinal)!.Hardening;
        var hardening = worst is null ? "Hardening: no image" : string.Create(CultureInfo.InvariantCulture, $"Hardening {worst.Grade} ({worst.Score}/100)");
        var hardeningState = hardeningRules > 0 ? "failed" : "succeeded";
        var hardeningDescription = hardeningRules > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hardening}: {hardeningRules} {(hardeningRules == 1 ? "rule" : "rules")} at or above {Name(gate.FailOn!.Value)}")
            : $"{hardening}: {(gate.FailOn is { } failOn ? $"nothing at or above {Name(failOn)}" : "not gated")}";

        var lockIns = images.Where(i => i.LockIn is not null).Select(i => i.LockIn!).ToList();
        var lockInFailed = gate.Reasons.Any(r => r.LockInLevel is not null);
        var (lockInState, lockInDescription) = lockIns.Count == 0
            ? ("notApplicable", "Lock-in not assessed")
            : (lockInFailed ? "failed" : "succeeded",
                string.Create(CultureInfo.InvariantCulture, $"Lock-in {Name(lockIns.Max(l => l.Level))} ({lockIns.Max(l => l.Score):0.#}/100)") +
                (gate.FailOnLockIn is { } level ? $": {(lockInFailed ? "at or above" : "below")} {Name(level)}" : ": not gated"));
        return [Status("hardening", hardeningState, hardeningDescription, environment), Status("lock-in", lockInState, lockInDescription, environment)];
    }

    private static JsonObject Status(string name, string state, string description, AzureDevOpsEnvironment environment)
    {
        var status = new JsonObject
        {
            ["state"] = state,
            ["description"] = description,
            ["context"] = new JsonObject { ["genre"] = StatusGenre, ["name"] = name },
        };
        if (environment.BuildUrl is { } url)
        {
            status["targetUrl"] = url.AbsoluteUri;
        }

        if (environment.PullRequestIteration is { } iteration)
        {
            status["iterationId"] = iteration;
        }

        return status;
    }

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The state of one publishing run: what was posted, and whether the token was refused.</summary>
    private sealed class Run
    {
        public List<string> Notes { get; } = [];

        public List<string> Errors { get; } = [];

        public List<string> Statuses { get; } = [];

        public ThreadAction? SummaryThread { get; set; }

        public int? SummaryThreadId { get; set; }

        public LineThreadCounts LineThreads { get; set; } = new();

        /// <summary>False once the token was refused: every later call would be refused too.</summary>
        public bool MayCall { get; private set; } = true;

        public async Task TryAsync(AzureDevOpsEnvironment environment, Func<Task> call)
        {
            if (!MayCall)
            {
                return;
            }

            try
            {
                await call().ConfigureAwait(false);
            }
            catch (AzureDevOpsPublishException e) when (e.IsPermissionDenied)
            {
                MayCall = false;
                Notes.Add($"The job token may not post to pull request {environment.PullRequestId} ({e.Message}). " +
                    "Allow 'Contribute to pull requests' for the build service identity that runs the pipeline: Project settings > Repositories > " +
                    "the repository (or all repositories) > Security > '<project> Build Service (<organization>)' (or 'Project Collection Build Service'). " +
                    "The report is in the build's summary and artifacts.");
            }
            catch (AzureDevOpsPublishException e)
            {
                Errors.Add(e.Message);
            }
        }
    }
}

/// <summary>What the scan wrote and rendered, for the publisher to post. The Markdown comes rendered: the publisher never renders.</summary>
public sealed record AzureDevOpsReport
{
    /// <summary>
    /// The pull-request comment: the fleet report for several images, the image's report for one, rendered within
    /// <see cref="AzureDevOpsPublisher.CommentLimit"/> and without a hidden marker (the thread is found by its property).
    /// </summary>
    public required string Markdown { get; init; }

    public string? ResultsPath { get; init; }

    public string? SarifPath { get; init; }

    public string? MarkdownPath { get; init; }

    /// <summary>The display threshold the reports used (<c>--min-severity</c>); annotations and line threads follow it too.</summary>
    public Severity MinimumSeverity { get; init; } = Severity.Info;

    /// <summary>
    /// For a build of a GitHub repository: each image's comment with its hidden marker (as the GitHub Action posts
    /// them), in the order of the results' images.
    /// </summary>
    public IReadOnlyList<ImageReport>? GitHubComments { get; init; }
}

/// <summary>What the publisher did, for the CLI to log and to choose its exit code.</summary>
public sealed record AzureDevOpsPublishReport
{
    public ThreadAction? SummaryThread { get; init; }

    public int? SummaryThreadId { get; init; }

    /// <summary>Statuses posted, as <c>genre/name: state</c>.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    public int LineThreadsCreated { get; init; }

    public int LineThreadsUpdated { get; init; }

    public int LineThreadsResolved { get; init; }

    /// <summary>Findings on Dockerfile lines left without a thread by <see cref="AzureDevOpsPublisher.MaxNewLineThreads"/>.</summary>
    public int LineThreadsOmitted { get; init; }

    /// <summary>The <c>task.logissue</c> annotations written and left out; null when annotations were off.</summary>
    public AnnotationOutcome? Annotations { get; init; }

    public bool OutputsWritten { get; init; }

    public bool SummaryWritten { get; init; }

    /// <summary>What was posted to a GitHub repository's pull request and commit; null for other repositories.</summary>
    public PublishReport? GitHub { get; init; }

    /// <summary>Why something was not posted (not a pull-request build, another provider, a refused token).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Calls that failed after retries, each naming the operation and the HTTP status.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
