using System.Text.Json.Nodes;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// Rampart's comment threads on one pull request, each found again by its <c>rampart.key</c> thread property: the
/// sticky summary, edited in place, and one thread per finding on its Dockerfile line. Rampart resolves its threads
/// as <c>fixed</c> and leaves statuses a reviewer chose (closed, won't fix, by design) alone, except that the summary
/// becomes active again whenever the gate fails.
/// </summary>
internal sealed class PullRequestThreads
{
    public const string KeyProperty = "rampart.key";

    private readonly AzureDevOpsApi _api;

    public PullRequestThreads(AzureDevOpsApi api) => _api = api;

    /// <summary>Every thread of the pull request, deleted ones included.</summary>
    public async Task<IReadOnlyList<ThreadInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var answer = await _api.SendAsync("list pull request threads", HttpMethod.Get, "threads", null, cancellationToken).ConfigureAwait(false);
        return answer?["value"] is JsonArray threads ? threads.OfType<JsonObject>().Select(ThreadInfo.From).ToList() : [];
    }

    /// <summary>Creates the summary thread, or edits the oldest with <paramref name="key"/> and closes any later duplicates.</summary>
    public async Task<(ThreadAction Action, int Id)> UpsertSummaryAsync(
        IReadOnlyList<ThreadInfo> threads, string key, string content, bool blocking, CancellationToken cancellationToken)
    {
        var mine = threads.Where(t => t.Key == key && !t.IsDeleted).OrderBy(t => t.Id).ToList();
        if (mine.Count == 0)
        {
            var id = await CreateAsync("create the summary thread", key, content, blocking ? ThreadStatus.Active : ThreadStatus.Closed, null, cancellationToken).ConfigureAwait(false);
            return (ThreadAction.Created, id);
        }

        var keep = mine[0];
        var changed = await UpdateAsync("summary thread", keep, content, SummaryStatus(keep.Status, blocking), cancellationToken).ConfigureAwait(false);
        foreach (var duplicate in mine.Skip(1).Where(t => ThreadStatus.IsOpen(t.Status)))
        {
            await SetStatusAsync("close a duplicate summary thread", duplicate.Id, ThreadStatus.Closed, cancellationToken).ConfigureAwait(false);
        }

        return (changed ? ThreadAction.Updated : ThreadAction.Unchanged, keep.Id);
    }

    /// <summary>
    /// Brings the finding threads under <paramref name="keyPrefix"/> in line with <paramref name="findings"/>: new
    /// findings get a thread (at most <paramref name="maxNew"/>), known ones are edited, and threads of findings that
    /// are gone or no longer block are resolved.
    /// </summary>
    public async Task<LineThreadCounts> SyncFindingsAsync(
        IReadOnlyList<ThreadInfo> threads, string keyPrefix, IReadOnlyList<LineFinding> findings, int maxNew, CancellationToken cancellationToken)
    {
        var existing = threads
            .Where(t => !t.IsDeleted && t.Key is not null && t.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .GroupBy(t => t.Key!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).First(), StringComparer.Ordinal);
        var counts = new LineThreadCounts();
        foreach (var finding in findings)
        {
            if (existing.Remove(finding.Key, out var thread))
            {
                var status = finding.Blocking
                    ? (thread.Status == ThreadStatus.Fixed ? ThreadStatus.Active : thread.Status)
                    : (ThreadStatus.IsOpen(thread.Status) ? ThreadStatus.Fixed : thread.Status);
                if (await UpdateAsync("finding thread", thread, finding.Content, status, cancellationToken).ConfigureAwait(false))
                {
                    counts.Updated++;
                }
            }
            else if (counts.Created < maxNew)
            {
                var context = new JsonObject
                {
                    ["filePath"] = finding.FilePath,
                    ["rightFileStart"] = new JsonObject { ["line"] = finding.Line, ["offset"] = 1 },
                    ["rightFileEnd"] = new JsonObject { ["line"] = finding.Line, ["offset"] = 2 },
                };
                await CreateAsync("create a finding thread", finding.Key, finding.Content, finding.Blocking ? ThreadStatus.Active : ThreadStatus.Fixed, context, cancellationToken).ConfigureAwait(false);
                counts.Created++;
            }
            else
            {
                counts.Omitted++;
            }
        }

        foreach (var gone in existing.Values.Where(t => ThreadStatus.IsOpen(t.Status)))
        {
            await SetStatusAsync("resolve a finding thread", gone.Id, ThreadStatus.Fixed, cancellationToken).ConfigureAwait(false);
            counts.Resolved++;
        }

        return counts;
    }

    /// <summary>Active while the gate fails (unless a reviewer chose won't fix or by design); resolved once nothing blocks.</summary>
    private static string SummaryStatus(string current, bool blocking) => blocking
        ? (current is ThreadStatus.WontFix or ThreadStatus.ByDesign ? current : ThreadStatus.Active)
        : (ThreadStatus.IsOpen(current) ? ThreadStatus.Fixed : current);

    private async Task<int> CreateAsync(string operation, string key, string content, string status, JsonObject? threadContext, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["comments"] = new JsonArray(new JsonObject { ["parentCommentId"] = 0, ["content"] = content, ["commentType"] = "text" }),
            ["status"] = status,
            ["properties"] = new JsonObject { [KeyProperty] = key },
        };
        if (threadContext is not null)
        {
            body["threadContext"] = threadContext;
        }

        var created = await _api.SendAsync(operation, HttpMethod.Post, "threads", body, cancellationToken).ConfigureAwait(false);
        return created?["id"]?.GetValue<int>() ?? throw new AzureDevOpsPublishException(operation, null, "the answer names no thread id");
    }

    /// <summary>Edits the first comment and the status where they differ; whether anything did.</summary>
    private async Task<bool> UpdateAsync(string what, ThreadInfo thread, string content, string status, CancellationToken cancellationToken)
    {
        var changed = false;
        if (thread.FirstCommentId is { } commentId && !SameText(thread.FirstCommentContent, content))
        {
            await _api.SendAsync(
                $"update the {what}'s comment", HttpMethod.Patch, $"threads/{thread.Id}/comments/{commentId}", new JsonObject { ["content"] = content }, cancellationToken).ConfigureAwait(false);
            changed = true;
        }

        if (status != thread.Status)
        {
            await SetStatusAsync($"set the {what}'s status", thread.Id, status, cancellationToken).ConfigureAwait(false);
            changed = true;
        }

        return changed;
    }

    private async Task SetStatusAsync(string operation, int threadId, string status, CancellationToken cancellationToken) =>
        await _api.SendAsync(operation, HttpMethod.Patch, $"threads/{threadId}", new JsonObject { ["status"] = status }, cancellationToken).ConfigureAwait(false);

    /// <summary>Azure Repos may store a comment with CRLF line ends.</summary>
    private static bool SameText(string? stored, string content) =>
        stored is not null && string.Equals(stored.Replace("\r\n", "\n", StringComparison.Ordinal), content, StringComparison.Ordinal);
}

/// <summary>Thread statuses as the REST API spells them (CommentThreadStatus).</summary>
internal static class ThreadStatus
{
    public const string Active = "active";
    public const string Fixed = "fixed";
    public const string Closed = "closed";
    public const string WontFix = "wontFix";
    public const string ByDesign = "byDesign";
    public const string Pending = "pending";

    /// <summary>A status that holds a "check for comment resolution" policy.</summary>
    public static bool IsOpen(string status) => status is Active or Pending;
}

/// <summary>A thread as listed: its id, status, key and first comment.</summary>
internal sealed record ThreadInfo(int Id, string Status, bool IsDeleted, string? Key, int? FirstCommentId, string? FirstCommentContent)
{
    /// <summary>
    /// Reads a listed thread. Properties come back typed (<c>{"$type": "System.String", "$value": "..."}</c>) though
    /// they are sent as plain strings.
    /// </summary>
    public static ThreadInfo From(JsonObject thread)
    {
        var first = thread["comments"] is JsonArray comments
            ? comments.OfType<JsonObject>().Where(c => c["parentCommentId"] is null || Number(c["parentCommentId"]) == 0).MinBy(c => Number(c["id"]))
            : null;
        return new ThreadInfo(
            Number(thread["id"]) ?? 0,
            Text(thread["status"]) ?? "unknown",
            thread["isDeleted"] is JsonValue deleted && deleted.TryGetValue<bool>(out var isDeleted) && isDeleted,
            thread["properties"]?[PullRequestThreads.KeyProperty] switch
            {
                JsonObject typed => Text(typed["$value"]),
                var plain => Text(plain),
            },
            first is null ? null : Number(first["id"]),
            first is null ? null : Text(first["content"]));
    }

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>A finding on a Dockerfile line, as its thread shows it.</summary>
/// <param name="Key">The thread's <c>rampart.key</c>.</param>
/// <param name="FilePath">The repository path with a leading slash, as thread contexts name files.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Content">The comment.</param>
/// <param name="Blocking">Whether the finding fails the gate: its thread is then active.</param>
internal sealed record LineFinding(string Key, string FilePath, int Line, string Content, bool Blocking);

/// <summary>What happened to the finding threads.</summary>
internal sealed class LineThreadCounts
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Resolved { get; set; }

    public int Omitted { get; set; }
}

/// <summary>What happened to the summary thread.</summary>
public enum ThreadAction
{
    Created,
    Updated,
    Unchanged,
}
