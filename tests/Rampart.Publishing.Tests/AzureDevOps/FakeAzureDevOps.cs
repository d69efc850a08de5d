using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Rampart.Testing;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>A request the fake received.</summary>
internal sealed record AdoRequest(string Method, string Path, string Query, string Body, string? Authorization, string? ContentType)
{
    public JsonObject? Json => Body.Length == 0 ? null : JsonNode.Parse(Body) as JsonObject;

    /// <summary>The path under the pull request, e.g. <c>threads/7/comments/1</c>.</summary>
    public string Operation => Path.StartsWith(FakeAzureDevOps.PullRequestPath, StringComparison.Ordinal) ? Path[FakeAzureDevOps.PullRequestPath.Length..] : Path;
}

/// <summary>An answer forced on a request by a test.</summary>

/// <summary>
/// The Azure Repos pull-request REST API of one pull request on 127.0.0.1, with threads and statuses kept in memory.
/// Every request is checked against the documented 7.1 operation: method and path, <c>api-version=7.1</c>, the bearer
/// token, a JSON body, and the body's fields and enum values.
///
/// Where the shapes come from (api-version 7.1):
/// - learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads (List, Create, Update) and
///   .../git/pull-request-thread-comments (Update): GitPullRequestCommentThread, Comment, CommentThreadContext,
///   CommentPosition ({line, offset}), CommentThreadStatus (unknown, active, fixed, wontFix, closed, byDesign, pending),
///   CommentType (unknown, text, codeChange, system); properties are a PropertiesCollection that takes plain values
///   and lists them back typed ({"$type": "System.String", "$value": ...}).
/// - learn.microsoft.com/rest/api/azure/devops/git/pull-request-statuses/create: GitPullRequestStatus with state
///   (notSet, pending, succeeded, failed, error, notApplicable), description, context {genre, name (required)},
///   targetUrl, iterationId (at least 1).
/// The same operations and definitions are in the 7.1 OpenAPI description, MicrosoftDocs/vsts-rest-api-specs
/// specification/git/7.1/git.json (paths /{organization}/{project}/_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}/...).
/// Error bodies follow what Azure DevOps answers: {"$id": "1", "message": "...", "typeKey": ...}.
/// </summary>
internal sealed class FakeAzureDevOps : IDisposable
{
    public const string Token = "fake-ado-job-token-must-never-be-printed-7f3a";
    public const string Organization = "contoso";
    public const string Project = "Shop";
    public const string RepositoryId = "6f1d2c4e-0000-4000-8000-000000000001";
    public const int PullRequestId = 42;
    public const string PullRequestPath = $"/{Organization}/{Project}/_apis/git/repositories/{RepositoryId}/pullRequests/42/";

    private static readonly string[] ThreadStatuses = ["unknown", "active", "fixed", "wontFix", "closed", "byDesign", "pending"];
    private static readonly string[] CommentTypes = ["unknown", "text", "codeChange", "system"];
    private static readonly string[] StatusStates = ["notSet", "pending", "succeeded", "failed", "error", "notApplicable"];

    private readonly LoopbackJsonServer _server;
    private readonly List<AdoRequest> _requests = [];
    private readonly List<string> _violations = [];
    private readonly object _gate = new();
    private int _nextThreadId = 100;

    public FakeAzureDevOps()
    {
        _server = new LoopbackJsonServer(Handle, (request, e) =>
        {
            lock (_gate)
            {
                _violations.Add($"the fake failed on {request.HttpMethod} {request.Url}: {e}");
            }

            return Error(500, "fake server error");
        });
        CollectionUri = new Uri($"http://127.0.0.1:{_server.Port}/{Organization}/");
    }

    public Uri CollectionUri { get; }

    /// <summary>The pull request's threads, as the server keeps them.</summary>
    public List<JsonObject> Threads { get; } = [];

    /// <summary>The bodies of the statuses posted.</summary>
    public List<JsonObject> Statuses { get; } = [];

    /// <summary>Lets a test answer a request itself; null lets the fake answer.</summary>
    public Func<AdoRequest, Reply?>? Intercept { get; set; }

    public IReadOnlyList<AdoRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>A thread someone else made, e.g. by an earlier run; the key is stored typed, as Azure DevOps lists it.</summary>
    public int AddThread(string? key, string content, string status, string? filePath = null, int? line = null)
    {
        lock (_gate)
        {
            var id = ++_nextThreadId;
            var thread = new JsonObject
            {
                ["id"] = id,
                ["status"] = status,
                ["isDeleted"] = false,
                ["comments"] = new JsonArray(Comment(1, content)),
                ["properties"] = key is null ? new JsonObject() : new JsonObject { ["rampart.key"] = Typed(key) },
                ["threadContext"] = filePath is null ? null : Context(filePath, line!.Value),
            };
            Threads.Add(thread);
            return id;
        }
    }

    public JsonObject Thread(int id)
    {
        lock (_gate)
        {
            return Threads.Single(t => (int)t["id"]! == id);
        }
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Azure DevOps' error body.</summary>
    public static Reply Error(int status, string message) =>
        new(status, new JsonObject { ["$id"] = "1", ["innerException"] = null, ["message"] = message, ["typeKey"] = "RampartFakeException", ["errorCode"] = 0 }.ToJsonString());

    private Reply Handle(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var recorded = new AdoRequest(
            request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, reader.ReadToEnd(), request.Headers["Authorization"], request.ContentType);
        lock (_gate)
        {
            _requests.Add(recorded);
            _violations.AddRange(CheckCommon(recorded));
        }

        if (Intercept?.Invoke(recorded) is { } forced)
        {
            return forced;
        }

        lock (_gate)
        {
            return Route(recorded);
        }
    }

    private static IEnumerable<string> CheckCommon(AdoRequest request)
    {
        var where = $"{request.Method} {request.Path}{request.Query}";
        if (request.Query != "?api-version=7.1")
        {
            yield return $"{where}: the query must be exactly api-version=7.1";
        }

        if (request.Authorization != $"Bearer {Token}")
        {
            yield return $"{where}: no bearer job token";
        }

        if (!request.Path.StartsWith(PullRequestPath, StringComparison.Ordinal))
        {
            yield return $"{where}: not under {PullRequestPath}";
        }

        if (request.Method is "POST" or "PATCH" && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            yield return $"{where}: the body is not sent as application/json ({request.ContentType})";
        }
    }

    private Reply Route(AdoRequest request)
    {
        var segments = request.Operation.Split('/');
        switch (request.Method, segments)
        {
            case ("GET", ["threads"]):
                return Ok(new JsonObject { ["value"] = new JsonArray([.. Threads.Select(t => t.DeepClone())]), ["count"] = Threads.Count });
            case ("POST", ["threads"]):
                return CreateThread(request);
            case ("PATCH", ["threads", var id]) when Find(id) is { } thread:
                return UpdateThread(request, thread);
            case ("PATCH", ["threads", var id, "comments", var commentId]) when Find(id) is { } thread:
                return UpdateComment(request, thread, commentId);
            case ("POST", ["statuses"]):
                return CreateStatus(request);
            default:
                _violations.Add($"{request.Method} {request.Path}: no such operation of the pull-request API");
                return Error(404, "not found");
        }
    }

    private Reply CreateThread(AdoRequest request)
    {
        var body = request.Json!;
        Allow(body, "create thread", "comments", "status", "properties", "threadContext", "pullRequestThreadContext");
        if (body["comments"] is not JsonArray { Count: > 0 } comments)
        {
            _violations.Add("create thread: comments must hold the first comment");
            return Error(400, "no comment");
        }

        foreach (var comment in comments.OfType<JsonObject>())
        {
            Allow(comment, "create thread comment", "parentCommentId", "content", "commentType");
            Require(comment["content"] is JsonValue c && c.TryGetValue<string>(out _), "create thread: comment content must be a string");
            Require(comment["parentCommentId"] is null || (int)comment["parentCommentId"]! == 0, "create thread: the first comment has parentCommentId 0");
            RequireEnum(comment["commentType"], CommentTypes, "create thread: commentType");
        }

        RequireEnum(body["status"], ThreadStatuses, "create thread: status");
        if (body["properties"] is JsonObject properties)
        {
            Require(properties.All(p => p.Value is JsonValue), "create thread: properties are plain values");
        }

        if (body["threadContext"] is JsonObject context)
        {
            CheckContext(context);
        }

        var id = ++_nextThreadId;
        var thread = new JsonObject
        {
            ["id"] = id,
            ["status"] = (string?)body["status"] ?? "active",
            ["isDeleted"] = false,
            ["comments"] = new JsonArray(Comment(1, (string)comments[0]!["content"]!)),
            ["properties"] = new JsonObject([.. (body["properties"] as JsonObject ?? []).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Typed((string)p.Value!)))]),
            ["threadContext"] = body["threadContext"]?.DeepClone(),
        };
        Threads.Add(thread);
        return Ok(thread.DeepClone());
    }

    private Reply UpdateThread(AdoRequest request, JsonObject thread)
    {
        var body = request.Json!;
        Allow(body, "update thread", "status", "properties");
        RequireEnum(body["status"], ThreadStatuses, "update thread: status");
        if (body["status"] is JsonValue status)
        {
            thread["status"] = (string)status!;
        }

        return Ok(thread.DeepClone());
    }

    private Reply UpdateComment(AdoRequest request, JsonObject thread, string commentId)
    {
        var body = request.Json!;
        Allow(body, "update comment", "content");
        Require(body["content"] is JsonValue c && c.TryGetValue<string>(out _), "update comment: content must be a string");
        var comment = thread["comments"]!.AsArray().OfType<JsonObject>().SingleOrDefault(c => ((int)c["id"]!).ToString(CultureInfo.InvariantCulture) == commentId);
        if (comment is null)
        {
            _violations.Add($"update comment: thread {thread["id"]} has no comment {commentId}");
            return Error(404, "no such comment");
        }

        comment["content"] = (string)body["content"]!;
        return Ok(comment.DeepClone());
    }

    private Reply CreateStatus(AdoRequest request)
    {
        var body = request.Json!;
        Allow(body, "create status", "state", "description", "context", "targetUrl", "iterationId", "properties");
        RequireEnum(body["state"], StatusStates, "create status: state");
        Require(body["context"] is JsonObject { } context && context["name"] is JsonValue name && ((string)name!).Length > 0, "create status: context.name is required");
        Require(body["targetUrl"] is null || Uri.IsWellFormedUriString((string)body["targetUrl"]!, UriKind.Absolute), "create status: targetUrl must be an absolute URL");
        Require(body["iterationId"] is null || (int)body["iterationId"]! >= 1, "create status: iterationId is at least 1");
        var status = (JsonObject)body.DeepClone();
        status["id"] = Statuses.Count + 1;
        Statuses.Add(status);
        return Ok(status.DeepClone());
    }

    private void CheckContext(JsonObject context)
    {
        Allow(context, "thread context", "filePath", "leftFileStart", "leftFileEnd", "rightFileStart", "rightFileEnd");
        Require(context["filePath"] is JsonValue path && ((string)path!).StartsWith('/'), "thread context: filePath is repository-relative with a leading slash");
        foreach (var side in new[] { "rightFileStart", "rightFileEnd", "leftFileStart", "leftFileEnd" })
        {
            if (context[side] is JsonObject position)
            {
                Allow(position, $"thread context {side}", "line", "offset");
                Require(position["line"] is JsonValue line && (int)line! >= 1, $"thread context: {side}.line starts at 1");
                Require(position["offset"] is JsonValue offset && (int)offset! >= 0, $"thread context: {side}.offset is a number");
            }
            else
            {
                Require(context[side] is null, $"thread context: {side} is a position object");
            }
        }
    }

    private JsonObject? Find(string id) => Threads.SingleOrDefault(t => ((int)t["id"]!).ToString(CultureInfo.InvariantCulture) == id);

    private void Allow(JsonObject body, string where, params string[] fields)
    {
        foreach (var key in body.Select(p => p.Key).Where(k => !fields.Contains(k)))
        {
            _violations.Add($"{where}: '{key}' is not a field of the documented body");
        }
    }

    private void RequireEnum(JsonNode? value, string[] allowed, string where)
    {
        if (value is not null)
        {
            Require(value is JsonValue v && v.TryGetValue<string>(out var text) && allowed.Contains(text), $"{where} must be one of {string.Join(", ", allowed)}, not {value.ToJsonString()}");
        }
    }

    private void Require(bool condition, string violation)
    {
        if (!condition)
        {
            _violations.Add(violation);
        }
    }

    private static Reply Ok(JsonNode body) => new(200, body.ToJsonString());

    private static JsonObject Typed(string value) => new() { ["$type"] = "System.String", ["$value"] = value };

    private static JsonObject Comment(int id, string content) =>
        new() { ["id"] = id, ["parentCommentId"] = 0, ["content"] = content, ["commentType"] = "text", ["isDeleted"] = false };

    private static JsonObject Context(string filePath, int line) => new()
    {
        ["filePath"] = filePath,
        ["rightFileStart"] = new JsonObject { ["line"] = line, ["offset"] = 1 },
        ["rightFileEnd"] = new JsonObject { ["line"] = line, ["offset"] = 2 },
    };
}
