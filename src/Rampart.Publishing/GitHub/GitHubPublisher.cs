using System.Globalization;
using System.Text;
using Rampart.Core.Results;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// Posts a scan's results where reviewers look: one sticky comment per image on the pull request, one check run per
/// image on the head commit with annotations on Dockerfile lines, the job summary and the step outputs. When the token
/// may not write (a fork's pull request, missing <c>permissions:</c>) it falls back to what needs no token: summary,
/// log annotations within the runner's limits, and a pull-request file beside the results for <c>rampart publish</c>
/// in a <c>workflow_run</c> workflow.
/// </summary>
public sealed class GitHubPublisher
{
    /// <summary>GitHub's limit on a check run's summary.</summary>
    public const int CheckRunSummaryLimit = 65_535;

    private readonly ICiHost _host;
    private readonly TimeProvider _time;
    private readonly RetryPolicy _retry;

    /// <param name="host">The runner's files and log (<see cref="GitHubActionsHost"/>).</param>
    /// <param name="timeProvider">The clock for retry waits.</param>
    public GitHubPublisher(ICiHost host, TimeProvider timeProvider)
        : this(host, timeProvider, RetryPolicy.Default)
    {
    }

    internal GitHubPublisher(ICiHost host, TimeProvider timeProvider, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _host = host;
        _time = timeProvider;
        _retry = retry;
    }

    /// <summary>
    /// The marker key of an image's comment: its reference and platform, in the characters a marker allows. Pass it to
    /// the Markdown renderer and in <see cref="ImageReport.MarkerKey"/>.
    /// </summary>
    public static string MarkerKeyFor(ImageResult image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var key = new StringBuilder();
        foreach (var c in $"{image.Reference}/{image.Platform}")
        {
            key.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' ? c : '_');
        }

        return key.ToString();
    }

    /// <summary>
    /// Publishes to every surface the environment allows and says what it did. Outputs are written first, so a later
    /// failure still leaves them. Calls that fail after retries are listed in <see cref="PublishReport.Errors"/>
    /// rather than thrown; permission refusals become <see cref="PublishReport.Notes"/> and the fallbacks.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="artifacts"/> does not list the images of <paramref name="results"/> in order.</exception>
    public async Task<PublishReport> PublishAsync(
        ScanResults results, PublishArtifacts artifacts, GitHubEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(environment);
        if (artifacts.Images.Count != results.Images.Count
            || artifacts.Images.Where((report, i) => report.Reference != results.Images[i].Reference).Any())
        {
            throw new ArgumentException("The image reports must match the results' images, in order.", nameof(artifacts));
        }

        if (environment.Token is { } token)
        {
            _host.MaskSecret(token.Value);
        }

        var run = new Run(environment, artifacts);
        var outputsWritten = await _host.SetOutputsAsync(ActionOutputs.From(results, artifacts, environment.Workspace), cancellationToken).ConfigureAwait(false);
        var target = await ResolveTargetAsync(run, results, cancellationToken).ConfigureAwait(false);

        var comments = new List<CommentResult>();
        var checkRuns = new List<CheckRunResult>();
        var logAnnotations = new List<CiAnnotation>();
        for (var i = 0; i < results.Images.Count; i++)
        {
            var image = results.Images[i];
            var report = artifacts.Images[i];
            if (environment.Surfaces.Comment && target.PullRequest is { } number && run.CommentsAllowed)
            {
                await run.TryAsync("comment", async api =>
                {
                    var comment = await new StickyComments(api)
                        .UpsertAsync(target.Owner, target.Name, number, image.Reference, report.MarkerKey, report.CommentMarkdown, cancellationToken)
                        .ConfigureAwait(false);
                    comments.Add(comment);
                }).ConfigureAwait(false);
            }

            if (!environment.Surfaces.Annotations)
            {
                continue;
            }

            var annotations = FindingAnnotations.For(image, artifacts.MinimumSeverity, environment.Workspace);
            var posted = false;
            if (target.HeadSha is { } sha && run.ChecksAllowed)
            {
                posted = await run.TryAsync("check run", async api =>
                {
                    var spec = CheckRunSpecFor(results, image, report, sha, annotations, environment);
                    checkRuns.Add(await new CheckRuns(api).PublishAsync(target.Owner, target.Name, spec, cancellationToken).ConfigureAwait(false));
                }).ConfigureAwait(false);
            }

            if (!posted)
            {
                logAnnotations.AddRange(annotations);
            }
        }

        var pullRequestFile = await SavePullRequestAsync(run, target, cancellationToken).ConfigureAwait(false);
        var (summaryWritten, replaced) = environment.Surfaces.Summary
            ? await WriteSummaryAsync(run, artifacts, pullRequestFile, cancellationToken).ConfigureAwait(false)
            : (false, false);
        return new PublishReport
        {
            Comments = comments,
            CheckRuns = checkRuns,
            LogAnnotations = logAnnotations.Count > 0 ? _host.Annotate(logAnnotations) : null,
            OutputsWritten = outputsWritten,
            SummaryWritten = summaryWritten,
            SummaryReplacedByNote = replaced,
            PullRequestFile = pullRequestFile,
            Notes = run.Notes,
            Errors = run.Errors,
            Degraded = run.Degraded,
        };
    }

    private async Task<Target> ResolveTargetAsync(Run run, ScanResults results, CancellationToken cancellationToken)
    {
        var environment = run.Environment;
        if (environment.Repository?.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name])
        {
            run.Refuse("GITHUB_REPOSITORY is not set (not a GitHub Actions run): nothing was posted to GitHub.");
            return new Target(string.Empty, string.Empty, null, null, null);
        }

        if (environment.Token is not { } token)
        {
            run.Refuse("No GitHub token (the github-token input or GITHUB_TOKEN): no comment or check run was posted.");
        }
        else
        {
            run.Api = new GitHubApi(GitHubApi.CreateClient(environment.ApiUrl, token, ProductVersion(results.Tool.Version)), _retry, _time);
        }

        var payload = environment.Event;
        switch (environment.EventName)
        {
            case "pull_request" or "pull_request_target" when payload?.PullRequest is { } pullRequest:
                if (environment.EventName == "pull_request" && pullRequest.IsFromFork)
                {
                    run.Refuse($"Pull request #{pullRequest.Number} comes from a fork, so this workflow's token is read-only: " +
                        "no comment or check run was posted. Publish the results from a workflow_run workflow with 'rampart publish'.");
                }

                return new Target(owner, name, pullRequest.Number, pullRequest.HeadSha, pullRequest.HeadSha);
            case "workflow_run" when payload?.WorkflowRun is { } workflowRun:
                var number = workflowRun.Event is "pull_request" or "pull_request_target"
                    ? await VerifiedPullRequestAsync(run, owner, name, workflowRun, cancellationToken).ConfigureAwait(false)
                    : null;
                return new Target(owner, name, number, workflowRun.HeadSha, workflowRun.HeadSha);
            default:
                return new Target(owner, name, null, environment.Sha, null);
        }
    }

    /// <summary>
    /// The pull request of the finished run: from the event when GitHub lists it for this repository and commit, else
    /// from the pull-request file the run left (forks). Either way, posted to only when the API confirms that the pull
    /// request's head is the finished run's commit: the file comes from untrusted code.
    /// </summary>
    private static async Task<int?> VerifiedPullRequestAsync(Run run, string owner, string name, WorkflowRunEvent workflowRun, CancellationToken cancellationToken)
    {
        var listed = workflowRun.PullRequests.FirstOrDefault(p => p.BaseRepositoryId == workflowRun.RepositoryId && p.HeadSha == workflowRun.HeadSha);
        int? number = listed?.Number;
        if (number is null && run.Artifacts.ResultsPath is { } resultsPath)
        {
            var path = PullRequestFile.PathBeside(resultsPath);
            if (await PullRequestFile.ReadAsync(path, cancellationToken).ConfigureAwait(false) is { } file)
            {
                if (file.HeadSha == workflowRun.HeadSha && string.Equals(file.Repository, $"{owner}/{name}", StringComparison.OrdinalIgnoreCase))
                {
                    number = file.Number;
                }
                else
                {
                    run.Note($"{path} names pull request #{file.Number} of {file.Repository} at {file.HeadSha}, not this repository at the finished run's commit {workflowRun.HeadSha}: no comment was posted.");
                    return null;
                }
            }
        }

        if (number is not { } candidate)
        {
            run.Note($"The workflow run names no pull request and no {PullRequestFile.FileName} lies beside the results: no comment was posted.");
            return null;
        }

        if (run.Api is not { } api)
        {
            return null;
        }

        try
        {
            var pullRequest = await api.CallAsync("get pull request", c => c.PullRequest.Get(owner, name, candidate), cancellationToken).ConfigureAwait(false);
            if (pullRequest.Head.Sha == workflowRun.HeadSha
                && string.Equals(pullRequest.Base.Repository.FullName, $"{owner}/{name}", StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            run.Note($"Pull request #{candidate} is at {pullRequest.Head.Sha}, not at the scanned commit {workflowRun.HeadSha}: no comment was posted.");
        }
        catch (GitHubPublishException e)
        {
            run.Fail(e);
        }

        return null;
    }

    private static async Task<string?> SavePullRequestAsync(Run run, Target target, CancellationToken cancellationToken)
    {
        if (!run.Degraded || run.Environment.EventName is not ("pull_request" or "pull_request_target")
            || target.PullRequest is not { } number || target.PullRequestHead is not { } head || run.Artifacts.ResultsPath is not { } resultsPath)
        {
            return null;
        }

        var path = PullRequestFile.PathBeside(resultsPath);
        await new PullRequestFile(number, head, $"{target.Owner}/{target.Name}").WriteAsync(path, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private async Task<(bool Written, bool Replaced)> WriteSummaryAsync(Run run, PublishArtifacts artifacts, string? pullRequestFile, CancellationToken cancellationToken)
    {
        var header = new StringBuilder();
        foreach (var line in run.Notes.Concat(run.Errors.Select(e => $"Failed: {e}")))
        {
            header.Append("> ").Append(line).Append('\n');
        }

        if (pullRequestFile is not null)
        {
            header.Append("> Saved for 'rampart publish': `").Append(pullRequestFile).Append("` beside the results.\n");
        }

        if (header.Length > 0)
        {
            header.Append('\n');
        }

        if (await _host.TryAppendSummaryAsync(header + artifacts.SummaryMarkdown, cancellationToken).ConfigureAwait(false))
        {
            return (true, false);
        }

        var note = header + "The Rampart report is larger than GitHub's 1 MiB job summary" +
            (artifacts.MarkdownPath is { } markdown ? $"; it is in `{markdown}`." : ".") + "\n";
        return await _host.TryAppendSummaryAsync(note, cancellationToken).ConfigureAwait(false) ? (true, true) : (false, false);
    }

    private static CheckRunSpec CheckRunSpecFor(
        ScanResults results, ImageResult image, ImageReport report, string headSha, IReadOnlyList<CiAnnotation> annotations, GitHubEnvironment environment)
    {
        var failed = results.Gate.FailedFor(image.Reference);
        var title = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Hardening {image.Hardening.Grade} ({image.Hardening.Score}/100)"));
        if (image.LockIn is { } lockIn)
        {
            title.Append(CultureInfo.InvariantCulture, $", lock-in {lockIn.Level.ToString().ToLowerInvariant()} ({lockIn.Score:0.#})");
        }

        title.Append(failed ? ": gate failed" : ": gate passed");
        var summary = report.CommentMarkdown.Length <= CheckRunSummaryLimit
            ? report.CommentMarkdown
            : string.Join('\n', results.Gate.Reasons.Where(r => r.Image == image.Reference).Select(r => $"- {r.Message}").Prepend($"**{title}**\n"))
                + "\n\nThe full report is in the pull-request comment and the job summary.";
        return new CheckRunSpec(
            image.Reference,
            $"Rampart: {image.Reference}",
            headSha,
            failed,
            title.ToString(),
            summary,
            annotations.Where(a => a.File is not null && a.Line is > 0 && !Path.IsPathRooted(a.File)).ToList(),
            report.MarkerKey,
            environment.RunUrl,
            results.GeneratedAt);
    }

    private static string ProductVersion(string version)
    {
        var token = new string(version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_' ? c : '-').ToArray());
        return token.Length == 0 ? "0" : token;
    }

    /// <summary>Where to post: the repository, the pull request (for comments) and the commit (for check runs).</summary>
    private sealed record Target(string Owner, string Name, int? PullRequest, string? HeadSha, string? PullRequestHead);

    /// <summary>The state of one publishing run: the API when usable, which surfaces were refused, and what to tell the user.</summary>
    private sealed class Run(GitHubEnvironment environment, PublishArtifacts artifacts)
    {
        private readonly List<string> _notes = [];
        private readonly List<string> _errors = [];
        private bool _refused;
        private bool _commentsDenied;
        private bool _checksDenied;

        public GitHubEnvironment Environment { get; } = environment;

        public PublishArtifacts Artifacts { get; } = artifacts;

        public GitHubApi? Api { get; set; }

        public IReadOnlyList<string> Notes => _notes;

        public IReadOnlyList<string> Errors => _errors;

        public bool Degraded => _refused || _commentsDenied || _checksDenied;

        public bool CommentsAllowed => !_refused && !_commentsDenied && Api is not null;

        public bool ChecksAllowed => !_refused && !_checksDenied && Api is not null;

        public void Note(string note) => _notes.Add(note);

        /// <summary>Nothing may be posted through the API this run.</summary>
        public void Refuse(string reason)
        {
            _refused = true;
            _notes.Add(reason);
        }

        public void Fail(GitHubPublishException error) => _errors.Add(error.Message);

        /// <summary>Runs one surface's calls; a permission refusal turns that surface off for the remaining images.</summary>
        public async Task<bool> TryAsync(string surface, Func<GitHubApi, Task> publish)
        {
            try
            {
                await publish(Api!).ConfigureAwait(false);
                return true;
            }
            catch (GitHubPublishException e) when (e.IsPermissionDenied)
            {
                if (surface == "comment")
                {
                    _commentsDenied = true;
                    _notes.Add($"The token may not comment on the pull request ({e.Message}); the report is in this summary. " +
                        "Grant 'pull-requests: write', or publish from a workflow_run workflow with 'rampart publish'.");
                }
                else
                {
                    _checksDenied = true;
                    _notes.Add($"The token may not create check runs ({e.Message}); findings are annotated in the log instead. Grant 'checks: write'.");
                }

                return false;
            }
            catch (GitHubPublishException e)
            {
                _errors.Add(e.Message);
                return false;
            }
        }
    }
}
