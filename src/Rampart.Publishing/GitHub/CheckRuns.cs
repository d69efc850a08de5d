using Octokit;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>A completed check run with its annotations: the first 50 in the create call, 50 more per update, as the Checks API requires.</summary>
internal sealed class CheckRuns
{
    /// <summary>The Checks API takes at most 50 annotations per request.</summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>Longest title, message and raw details GitHub accepts for an annotation.</summary>
    private const int TitleLimit = 255;
    private const int MessageLimit = 64 * 1000;

    private readonly GitHubApi _api;

    public CheckRuns(GitHubApi api) => _api = api;

    public async Task<CheckRunResult> PublishAsync(string owner, string repository, CheckRunSpec spec, CancellationToken cancellationToken)
    {
        var batches = spec.Annotations.Select(ToOctokit).Chunk(AnnotationsPerRequest).ToList();
        var create = new NewCheckRun(spec.Name, spec.HeadSha)
        {
            Status = CheckStatus.Completed,
            Conclusion = spec.Failed ? CheckConclusion.Failure : CheckConclusion.Success,
            CompletedAt = spec.CompletedAt,
            ExternalId = spec.ExternalId,
            DetailsUrl = spec.DetailsUrl?.ToString(),
            Output = Output(spec, batches.FirstOrDefault()),
        };
        var run = await _api.CallAsync(
            "create check run",
            c => c.Check.Run.Create(owner, repository, create),
            cancellationToken).ConfigureAwait(false);
        foreach (var batch in batches.Skip(1))
        {
            await _api.CallAsync(
                "add check run annotations",
                c => c.Check.Run.Update(owner, repository, run.Id, new CheckRunUpdate { Output = Output(spec, batch) }),
                cancellationToken).ConfigureAwait(false);
        }

        return new CheckRunResult(spec.Image, run.Id, run.HtmlUrl, spec.Annotations.Count, Math.Max(1, batches.Count));
    }

    private static NewCheckRunOutput Output(CheckRunSpec spec, NewCheckRunAnnotation[]? annotations) =>
        new(spec.Title, spec.Summary) { Annotations = annotations };

    private static NewCheckRunAnnotation ToOctokit(CiAnnotation annotation)
    {
        var level = annotation.Level switch
        {
            CiAnnotationLevel.Error => CheckAnnotationLevel.Failure,
            CiAnnotationLevel.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        };
        return new NewCheckRunAnnotation(annotation.File, annotation.Line!.Value, annotation.Line.Value, level, Cut(annotation.Message, MessageLimit))
        {
            Title = Cut(annotation.Title, TitleLimit),
        };
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}

/// <summary>What one image's check run says.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Name">"Rampart: IMAGE".</param>
/// <param name="HeadSha">The pull request's head commit (never the merge commit), or the pushed commit.</param>
/// <param name="Failed">Whether the gate failed for this image.</param>
/// <param name="Title">One line: grade, score, lock-in.</param>
/// <param name="Summary">Markdown, at most 65,535 characters.</param>
/// <param name="Annotations">Annotations with a file and line.</param>
/// <param name="ExternalId">The comment marker key, tying the run to the image.</param>
/// <param name="DetailsUrl">The workflow run.</param>
/// <param name="CompletedAt">When the scan finished.</param>
internal sealed record CheckRunSpec(
    string Image,
    string Name,
    string HeadSha,
    bool Failed,
    string Title,
    string Summary,
    IReadOnlyList<CiAnnotation> Annotations,
    string ExternalId,
    Uri? DetailsUrl,
    DateTimeOffset CompletedAt);

/// <summary>The check run of one image after publishing.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Id">The check run's id.</param>
/// <param name="Url">The check run's page.</param>
/// <param name="Annotations">Annotations sent.</param>
/// <param name="Requests">Requests it took: one create and one update per further 50 annotations.</param>
public sealed record CheckRunResult(string Image, long Id, string? Url, int Annotations, int Requests);
