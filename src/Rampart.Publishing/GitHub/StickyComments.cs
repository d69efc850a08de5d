using System.Net;
using Octokit;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// One comment per marker on a pull request, edited in place. Concurrent jobs or a retried create can leave two
/// comments with one marker; every upsert keeps the oldest, gives it the new body and deletes the others, so any
/// interleaving of jobs ends with exactly one.
/// </summary>
internal sealed class StickyComments
{
    private const int PageSize = 100;
    private readonly GitHubApi _api;

    public StickyComments(GitHubApi api) => _api = api;

    /// <summary>The hidden marker for <paramref name="key"/>, as the Markdown renderer writes it.</summary>
    public static string Marker(string key) => $"<!-- rampart:{key} -->";

    public async Task<CommentResult> UpsertAsync(
        string owner, string repository, int number, string image, string key, string body, CancellationToken cancellationToken)
    {
        var marker = Marker(key);
        if (!HasMarker(body, marker))
        {
            body = marker + "\n" + body;
        }

        var existing = await ListMarkedAsync(owner, repository, number, marker, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            var created = await _api.CallAsync(
                "create pull request comment",
                c => c.Issue.Comment.Create(owner, repository, number, body),
                cancellationToken).ConfigureAwait(false);
            var after = await ListMarkedAsync(owner, repository, number, marker, cancellationToken).ConfigureAwait(false);
            if (!after.Exists(c => c.Id == created.Id))
            {
                after.Add(created);
            }

            var kept = await KeepOldestAsync(owner, repository, Sorted(after), body, cancellationToken).ConfigureAwait(false);
            return new CommentResult(image, kept.Comment.Id == created.Id ? CommentAction.Created : CommentAction.Updated, kept.Comment.Id, kept.Comment.HtmlUrl, kept.Deleted);
        }

        var oldest = existing[0];
        var result = await KeepOldestAsync(owner, repository, existing, body, cancellationToken).ConfigureAwait(false);
        var action = string.Equals(oldest.Body, body, StringComparison.Ordinal) ? CommentAction.Unchanged : CommentAction.Updated;
        return new CommentResult(image, action, result.Comment.Id, result.Comment.HtmlUrl, result.Deleted);
    }

    private async Task<(IssueComment Comment, int Deleted)> KeepOldestAsync(
        string owner, string repository, List<IssueComment> marked, string body, CancellationToken cancellationToken)
    {
        var keep = marked[0];
        if (!string.Equals(keep.Body, body, StringComparison.Ordinal))
        {
            keep = await _api.CallAsync(
                "update pull request comment",
                c => c.Issue.Comment.Update(owner, repository, keep.Id, body),
                cancellationToken).ConfigureAwait(false);
        }

        foreach (var duplicate in marked.Skip(1))
        {
            try
            {
                await _api.CallAsync(
                    "delete duplicate pull request comment",
                    c => c.Issue.Comment.Delete(owner, repository, duplicate.Id),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (GitHubPublishException e) when (e.Status == HttpStatusCode.NotFound)
            {
                // Another job deleted it first.
            }
        }

        return (keep, marked.Count - 1);
    }

    private async Task<List<IssueComment>> ListMarkedAsync(
        string owner, string repository, int number, string marker, CancellationToken cancellationToken)
    {
        // Octokit's issue-comment listing adds sort and direction, which this endpoint does not take.
        var uri = new Uri($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}/issues/{number}/comments", UriKind.Relative);
        var all = await _api.CallAsync(
            "list pull request comments",
            c => new ApiConnection(c.Connection).GetAll<IssueComment>(uri, new Dictionary<string, string>(), new ApiOptions { PageSize = PageSize }),
            cancellationToken).ConfigureAwait(false);
        return Sorted(all.Where(c => HasMarker(c.Body, marker)));
    }

    private static List<IssueComment> Sorted(IEnumerable<IssueComment> comments) => comments.OrderBy(c => c.Id).ToList();

    /// <summary>
    /// The marker on a line of its own. A reply quoting the comment does not match: GitHub quotes rendered text, and a
    /// quoted raw marker would start with <c>&gt;</c>.
    /// </summary>
    private static bool HasMarker(string? body, string marker) =>
        body is not null && body.Split('\n').Any(line => string.Equals(line.Trim(), marker, StringComparison.Ordinal));
}

/// <summary>What happened to an image's comment.</summary>
public enum CommentAction
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>The sticky comment of one image after publishing.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Action">Created, updated in place, or left as it was.</param>
/// <param name="Id">The comment's id.</param>
/// <param name="Url">The comment on the pull request.</param>
/// <param name="DuplicatesDeleted">Comments with the same marker removed (left by concurrent jobs or a retried create).</param>
public sealed record CommentResult(string Image, CommentAction Action, long Id, string? Url, int DuplicatesDeleted);
