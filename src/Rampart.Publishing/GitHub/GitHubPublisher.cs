using System.Globalization;
using System.Text;
using Octokit;
using Rampart.Core.Findings;
using Rampart.Core.Results;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// Posts a scan's results where reviewers look: one sticky comment per image on the pull request, one check run per
/// image on the head commit with annotations on Dockerfile lines, the job summary and the step outputs. When the token
/// may not write (a fork's pull request, missing <c>permissions:</c>) it falls back to what needs no token: summary,
/// log annotations within the runner's limits, and a pull-request file beside the results for <c>rampart publish</c>
/// in a <c>workflow_run</c> workflow. For a GitHub repository that another CI system builds, it posts the comments,
/// and check runs or, where the token may not create them, commit statuses (<see cref="GitHubRepositoryTarget"/>).
/// </summary>
public sealed class GitHubPublisher
{
    /// <summary>GitHub's limit on a check run's summary.</summary>
    public const int CheckRunSummaryLimit = 65_535;

    /// <summary>GitHub answers 422 "description is too long (maximum is 140 characters)" to a longer commit status description.</summary>
    public const int CommitStatusDescriptionLimit = 140;

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
        CheckImages(results, artifacts.Images, nameof(artifacts));

        if (environment.Token is { } token)
        {
            _host.MaskSecret(token.Value);
        }

        var run = new Run(tokenSource: null);
        var outputsWritten = await _host.SetOutputsAsync(ActionOutputs.From(results, artifacts, environment.Workspace), cancellationToken).ConfigureAwait(false);
        var target = await ResolveTargetAsync(run, environment, artifacts, results, cancellationToken).ConfigureAwait(false);
        var surfaces = environment.Surfaces;
        var posting = new Posting(surfaces.Comment, surfaces.Annotations, artifacts.MinimumSeverity, environment.Workspace, environment.RunUrl, StatusFallback: false);
        var posted = await PostImagesAsync(run, target, posting, results, artifacts.Images, cancellationToken).ConfigureAwait(false);

        var pullRequestFile = await SavePullRequestAsync(run, environment, artifacts, target, cancellationToken).ConfigureAwait(false);
        var (summaryWritten, replaced) = surfaces.Summary
            ? await WriteSummaryAsync(run, artifacts, pullRequestFile, cancellationToken).ConfigureAwait(false)
            : (false, false);
        return new PublishReport
        {
            Comments = posted.Comments,
            CheckRuns = posted.CheckRuns,
            LogAnnotations = posted.LogAnnotations.Count > 0 ? _host.Annotate(posted.LogAnnotations) : null,
            OutputsWritten = outputsWritten,
            SummaryWritten = summaryWritten,
            SummaryReplacedByNote = replaced,
            PullRequestFile = pullRequestFile,
            Notes = run.Notes,
            Errors = run.Errors,
            Degraded = run.Degraded,
        };
    }

    /// <summary>
    /// Posts to a GitHub repository that another CI system builds: per image a sticky comment on the pull request, and
    /// a check run on the head commit, or a commit status of the same name where the token may not create check runs
    /// (a user's token never may; a refused check run falls back too). That CI system writes its own log, outputs and
    /// summary, so nothing goes to <see cref="ICiHost"/> but the token's mask.
    /// </summary>
    /// <param name="results">The scan.</param>
    /// <param name="images">The comment of each image, in the order of the results' images.</param>
    /// <param name="minimumSeverity">The display threshold; check-run annotations follow it.</param>
    /// <param name="target">Where to post, and with which token.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <exception cref="ArgumentException">The image reports do not match the results, or the repository is not <c>owner/name</c>.</exception>
    public async Task<PublishReport> PublishAsync(
        ScanResults results, IReadOnlyList<ImageReport> images, Severity minimumSeverity, GitHubRepositoryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(target);
        CheckImages(results, images, nameof(images));
        if (target.Repository.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name])
        {
            throw new ArgumentException($"'{target.Repository}' is not a repository's owner/name.", nameof(target));
        }

        _host.MaskSecret(target.Token.Value);
        var run = new Run(target.TokenSource)
        {
            Api = new GitHubApi(GitHubApi.CreateClient(target.ApiUrl, target.Token, ProductVersion(results.Tool.Version)), _retry, _time),
        };
        if (target.Checks && target.Token.Kind == GitHubTokenKind.User)
        {
            run.UseCommitStatuses($"Only GitHub Apps may create check runs, and {target.TokenSource} holds a user's token: each image got a commit status instead.");
        }

        var posting = new Posting(target.Comment, target.Checks, minimumSeverity, target.Workspace, target.DetailsUrl, StatusFallback: true);
        var posted = await PostImagesAsync(run, new Target(owner, name, target.PullRequest, target.HeadSha, target.HeadSha), posting, results, images, cancellationToken)
            .ConfigureAwait(false);
        return new PublishReport
        {
            Comments = posted.Comments,
            CheckRuns = posted.CheckRuns,
            CommitStatuses = posted.CommitStatuses,
            Notes = run.Notes,
            Errors = run.Errors,
            Degraded = run.Degraded,
        };
    }

    private static void CheckImages(ScanResults results, IReadOnlyList<ImageReport> images, string parameter)
    {
        if (images.Count != results.Images.Count || images.Where((report, i) => report.Reference != results.Images[i].Reference).Any())
        {
            throw new ArgumentException("The image reports must match the results' images, in order.", parameter);
        }
    }

    /// <summary>Per image: the comment, then the check run, else the commit status, else log annotations.</summary>
    private static async Task<Posted> PostImagesAsync(
        Run run, Target target, Posting posting, ScanResults results, IReadOnlyList<ImageReport> reports, CancellationToken cancellationToken)
    {
        var posted = new Posted();
        for (var i = 0; i < results.Images.Count; i++)
        {
            var image = results.Images[i];
            var report = reports[i];
            if (posting.Comment && target.PullRequest is { } number && run.CommentsAllowed)
            {
                await run.TryAsync(Surface.Comment, async api =>
                {
                    var comment = await new StickyComments(api)
                        .UpsertAsync(target.Owner, target.Name, number, image.Reference, report.MarkerKey, report.CommentMarkdown, cancellationToken)
                        .ConfigureAwait(false);
                    posted.Comments.Add(comment);
                }).ConfigureAwait(false);
            }

            if (!posting.Checks)
            {
                continue;
            }

            var annotations = FindingAnnotations.For(image, posting.MinimumSeverity, posting.Workspace);
            var done = false;
            if (target.HeadSha is { } sha && run.ChecksAllowed)
            {
                done = await run.TryAsync(Surface.CheckRun, async api =>
                {
                    var spec = CheckRunSpecFor(results, image, report, sha, annotations, posting.DetailsUrl);
                    posted.CheckRuns.Add(await new CheckRuns(api).PublishAsync(target.Owner, target.Name, spec, cancellationToken).ConfigureAwait(false));
                }).ConfigureAwait(false);
            }

            if (!done && posting.StatusFallback && target.HeadSha is { } commit && run.StatusesAllowed)
            {
                done = await run.TryAsync(Surface.CommitStatus, async api =>
                {
                    var status = CommitStatusFor(results, image, posting.DetailsUrl);
                    await api.CallAsync("create commit status", c => c.Repository.Status.Create(target.Owner, target.Name, commit, status), cancellationToken)
                        .ConfigureAwait(false);
                    posted.CommitStatuses.Add(new CommitStatusResult(image.Reference, status.Context, status.State == CommitState.Failure));
                }).ConfigureAwait(false);
            }

            if (!done)
            {
                posted.LogAnnotations.AddRange(annotations);
            }
        }

        return posted;
    }

    private async Task<Target> ResolveTargetAsync(Run run, GitHubEnvironment environment, PublishArtifacts artifacts, ScanResults results, CancellationToken cancellationToken)
    {
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
                    ? await VerifiedPullRequestAsync(run, artifacts, owner, name, workflowRun, cancellationToken).ConfigureAwait(false)
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
    private static async Task<int?> VerifiedPullRequestAsync(
        Run run, PublishArtifacts artifacts, string owner, string name, WorkflowRunEvent workflowRun, CancellationToken cancellationToken)
    {
        var listed = workflowRun.PullRequests.FirstOrDefault(p => p.BaseRepositoryId == workflowRun.RepositoryId && p.HeadSha == workflowRun.HeadSha);
        int? number = listed?.Number;
        if (number is null && artifacts.ResultsPath is { } resultsPath)
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

    private static async Task<string?> SavePullRequestAsync(
        Run run, GitHubEnvironment environment, PublishArtifacts artifacts, Target target, CancellationToken cancellationToken)
    {
        if (!run.Degraded || environment.EventName is not ("pull_request" or "pull_request_target")
            || target.PullRequest is not { } number || target.PullRequestHead is not { } head || artifacts.ResultsPath is not { } resultsPath)
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
        ScanResults results, ImageResult image, ImageReport report, string headSha, IReadOnlyList<CiAnnotation> annotations, Uri? detailsUrl)
    {
        var title = Title(results, image);
        var summary = report.CommentMarkdown.Length <= CheckRunSummaryLimit
            ? report.CommentMarkdown
            : string.Join('\n', results.Gate.Reasons.Where(r => r.Image == image.Reference).Select(r => $"- {r.Message}").Prepend($"**{title}**\n"))
                + "\n\nThe full report is in the pull-request comment and the job summary.";
        return new CheckRunSpec(
            image.Reference,
            CheckName(image),
            headSha,
            results.Gate.FailedFor(image.Reference),
            title,
            summary,
            annotations.Where(a => a.File is not null && a.Line is > 0 && !Path.IsPathRooted(a.File)).ToList(),
            report.MarkerKey,
            detailsUrl,
            results.GeneratedAt);
    }

    /// <summary>What stands in for the check run: the same name and title, so a branch protection rule can require either.</summary>
    private static NewCommitStatus CommitStatusFor(ScanResults results, ImageResult image, Uri? detailsUrl)
    {
        var title = Title(results, image);
        return new NewCommitStatus
        {
            State = results.Gate.FailedFor(image.Reference) ? CommitState.Failure : CommitState.Success,
            Context = CheckName(image),
            Description = title.Length <= CommitStatusDescriptionLimit ? title : title[..(CommitStatusDescriptionLimit - 1)] + "…",
            TargetUrl = detailsUrl?.AbsoluteUri,
        };
    }

    private static string CheckName(ImageResult image) => $"Rampart: {image.Reference}";

    /// <summary>One line: grade, score, lock-in, and the gate's verdict for the image.</summary>
    private static string Title(ScanResults results, ImageResult image)
    {
        var title = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Hardening {image.Hardening.Grade} ({image.Hardening.Score}/100)"));
        if (image.LockIn is { } lockIn)
        {
            title.Append(CultureInfo.InvariantCulture, $", lock-in {lockIn.Level.ToString().ToLowerInvariant()} ({lockIn.Score:0.#})");
        }

        return title.Append(results.Gate.FailedFor(image.Reference) ? ": gate failed" : ": gate passed").ToString();
    }

    private static string ProductVersion(string version)
    {
        var token = new string(version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_' ? c : '-').ToArray());
        return token.Length == 0 ? "0" : token;
    }

    /// <summary>Where to post: the repository, the pull request (for comments) and the commit (for check runs).</summary>
    private sealed record Target(string Owner, string Name, int? PullRequest, string? HeadSha, string? PullRequestHead);

    /// <summary>
    /// What to post per image and how: the surfaces, the annotations' threshold and root, the link on checks, and
    /// whether a commit status stands in for a check run the token may not create.
    /// </summary>
    private sealed record Posting(bool Comment, bool Checks, Severity MinimumSeverity, string? Workspace, Uri? DetailsUrl, bool StatusFallback);

    /// <summary>What was posted, and the annotations no check run carried.</summary>
    private sealed class Posted
    {
        public List<CommentResult> Comments { get; } = [];

        public List<CheckRunResult> CheckRuns { get; } = [];

        public List<CommitStatusResult> CommitStatuses { get; } = [];

        public List<CiAnnotation> LogAnnotations { get; } = [];
    }

    private enum Surface
    {
        Comment,
        CheckRun,
        CommitStatus,
    }

    /// <summary>The state of one publishing run: the API when usable, which surfaces were refused, and what to tell the user.</summary>
    /// <param name="tokenSource">Where the token came from, for another CI system; null in GitHub Actions.</param>
    private sealed class Run(string? tokenSource)
    {
        private readonly List<string> _notes = [];
        private readonly List<string> _errors = [];
        private bool _refused;
        private bool _commentsDenied;
        private bool _checksDenied;
        private bool _statusesDenied;
        private bool _checksUnavailable;

        public GitHubApi? Api { get; set; }

        public IReadOnlyList<string> Notes => _notes;

        public IReadOnlyList<string> Errors => _errors;

        public bool Degraded => _refused || _commentsDenied || _checksDenied || _statusesDenied;

        public bool CommentsAllowed => !_refused && !_commentsDenied && Api is not null;

        public bool ChecksAllowed => !_refused && !_checksDenied && !_checksUnavailable && Api is not null;

        public bool StatusesAllowed => !_refused && !_statusesDenied && Api is not null;

        public void Note(string note) => _notes.Add(note);

        /// <summary>Nothing may be posted through the API this run.</summary>
        public void Refuse(string reason)
        {
            _refused = true;
            _notes.Add(reason);
        }

        /// <summary>The token cannot create check runs at all, so commit statuses are posted without trying.</summary>
        public void UseCommitStatuses(string reason)
        {
            _checksUnavailable = true;
            _notes.Add(reason);
        }

        public void Fail(GitHubPublishException error) => _errors.Add(error.Message);

        /// <summary>Runs one surface's calls; a permission refusal turns that surface off for the remaining images.</summary>
        public async Task<bool> TryAsync(Surface surface, Func<GitHubApi, Task> publish)
        {
            try
            {
                await publish(Api!).ConfigureAwait(false);
                return true;
            }
            catch (GitHubPublishException e) when (e.IsPermissionDenied)
            {
                switch (surface)
                {
                    case Surface.Comment:
                        _commentsDenied = true;
                        break;
                    case Surface.CheckRun:
                        _checksDenied = true;
                        break;
                    default:
                        _statusesDenied = true;
                        break;
                }

                _notes.Add(Denied(surface, e));
                return false;
            }
            catch (GitHubPublishException e)
            {
                _errors.Add(e.Message);
                return false;
            }
        }

        private string Denied(Surface surface, GitHubPublishException e) => (surface, tokenSource) switch
        {
            (Surface.Comment, null) => $"The token may not comment on the pull request ({e.Message}); the report is in this summary. " +
                "Grant 'pull-requests: write', or publish from a workflow_run workflow with 'rampart publish'.",
            (Surface.CheckRun, null) => $"The token may not create check runs ({e.Message}); findings are annotated in the log instead. Grant 'checks: write'.",
            (Surface.Comment, _) => $"The token of {tokenSource} may not comment on the pull request ({e.Message}); the report is in the build's summary. " +
                "A personal access token needs the 'repo' scope ('public_repo' for a public repository), a fine-grained one 'Pull requests: write'.",
            (Surface.CheckRun, _) => $"GitHub refused a check run ({e.Message}): only GitHub Apps may create them. Each image gets a commit status instead.",
            _ => $"The token of {tokenSource} may not set commit statuses ({e.Message}); findings are in the build's log. " +
                "A personal access token needs the 'repo:status' scope, a fine-grained one 'Commit statuses: write'.",
        };
    }
}
