using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Testing;

/// <summary>A request the fake received, with the operation it matched and what the description had to say about it.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string? Template, IReadOnlyDictionary<string, string> Query, string Body, string? Authorization)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public bool Is(string method, string templateSuffix) =>
        Method == method && Template is not null && Template.EndsWith(templateSuffix, StringComparison.Ordinal);
}

/// <summary>
/// GitHub's REST API on 127.0.0.1 under <c>/api/v3</c> (as GitHub Enterprise Server serves it), enough for the publisher:
/// issue comments (paged), check runs, commit statuses and pull requests. Every request is checked against the operation in the
/// official description; answers are the description's examples with ids, bodies and SHAs filled in from the state.
/// </summary>
public sealed class FakeGitHub : IDisposable
{
    public const string Token = "ghs_fakeTokenThatMustNeverBePrinted0123456789";
    private const string Prefix = "/api/v3";

    private readonly LoopbackJsonServer _server;
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<string> _violations = [];
    private readonly object _gate = new();
    private long _nextId = 1000;

    public FakeGitHub()
    {
        _server = new LoopbackJsonServer(Handle, (request, e) =>
        {
            lock (_gate)
            {
                _violations.Add($"fake server failed on {request.HttpMethod} {request.Url}: {e}");
            }

            return new Reply(500, """{"message":"fake server error"}""");
        });
        BaseUrl = new Uri($"http://127.0.0.1:{_server.Port}{Prefix}/");
    }

    public Uri BaseUrl { get; }

    /// <summary>Comments of the pull request, oldest first: id, author, body.</summary>
    public List<(long Id, string Author, string Body)> Comments { get; } = [];

    /// <summary>Check runs created: id, the create body, and the annotations of every later update.</summary>
    public List<(long Id, JsonNode Create, List<JsonNode> Updates)> CheckRuns { get; } = [];

    /// <summary>Commit statuses created: the commit and the create body.</summary>
    public List<(string Sha, JsonNode Create)> CommitStatuses { get; } = [];

    /// <summary>The pull requests GET answers for: number, head SHA, base repository.</summary>
    public Dictionary<int, (string HeadSha, string Repository)> PullRequests { get; } = [];

    /// <summary>Lets a test answer a request itself; null lets the fake answer.</summary>
    public Func<RecordedRequest, Reply?>? Intercept { get; set; }

    /// <summary>Runs before a comment is created, e.g. another job creating its own.</summary>
    public Action? BeforeCreateComment { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
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

    public long AddComment(string author, string body)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            Comments.Add((id, author, body));
            return id;
        }
    }

    public void Dispose() => _server.Dispose();

    private Reply Handle(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = reader.ReadToEnd();
        var rawPath = request.Url!.AbsolutePath;
        var query = (request.QueryString.AllKeys ?? []).Where(k => k is not null).ToDictionary(k => k!, k => request.QueryString[k]!);
        var path = rawPath.StartsWith(Prefix + "/", StringComparison.Ordinal) ? rawPath[Prefix.Length..] : rawPath;
        var description = OpenApiDescription.Instance;
        var template = description.Find(request.HttpMethod, path)?.Template;
        var recorded = new RecordedRequest(request.HttpMethod, path, template, query, body, request.Headers["Authorization"]);
        lock (_gate)
        {
            _requests.Add(recorded);
            if (!rawPath.StartsWith(Prefix + "/", StringComparison.Ordinal))
            {
                _violations.Add($"{request.HttpMethod} {rawPath}: not under the API base {Prefix}");
            }

            _violations.AddRange(description.Check(request.HttpMethod, path, query, request.ContentType, body));
        }

        if (Intercept?.Invoke(recorded) is { } forced)
        {
            return forced;
        }

        lock (_gate)
        {
            return Route(recorded, description);
        }
    }

    private Reply Route(RecordedRequest request, OpenApiDescription description)
    {
        var segments = request.Path.Trim('/').Split('/');
        switch (request.Method, request.Template)
        {
            case ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"):
                return ListComments(request, description);
            case ("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments"):
            {
                BeforeCreateComment?.Invoke();
                var text = (string)request.Json!["body"]!;
                var id = ++_nextId;
                Comments.Add((id, "github-actions[bot]", text));
                return Json(201, CommentJson(description.Example("POST", request.Template, 201), id, text, HtmlUrl(segments, segments[4], id)));
            }

            case ("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}"):
            {
                var id = long.Parse(segments[^1], CultureInfo.InvariantCulture);
                var index = Comments.FindIndex(c => c.Id == id);
                if (index < 0)
                {
                    return NotFound();
                }

                var text = (string)request.Json!["body"]!;
                Comments[index] = (id, Comments[index].Author, text);
                return Json(200, CommentJson(description.Example("PATCH", request.Template, 200), id, text, null));
            }

            case ("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}"):
                return Comments.RemoveAll(c => c.Id == long.Parse(segments[^1], CultureInfo.InvariantCulture)) == 0 ? NotFound() : new Reply(204, string.Empty);
            case ("POST", "/repos/{owner}/{repo}/check-runs"):
            {
                var id = ++_nextId;
                var create = request.Json!;
                CheckRuns.Add((id, create, []));
                var run = description.Example("POST", request.Template, 201);
                run["id"] = id;
                run["name"] = (string)create["name"]!;
                run["head_sha"] = (string)create["head_sha"]!;
                run["html_url"] = $"https://github.com/{segments[1]}/{segments[2]}/runs/{id}";
                return Json(201, run);
            }

            case ("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}"):
            {
                var id = long.Parse(segments[^1], CultureInfo.InvariantCulture);
                var index = CheckRuns.FindIndex(r => r.Id == id);
                if (index < 0)
                {
                    return NotFound();
                }

                CheckRuns[index].Updates.Add(request.Json!);
                var run = description.Example("PATCH", request.Template, 200);
                run["id"] = id;
                return Json(200, run);
            }

            case ("POST", "/repos/{owner}/{repo}/statuses/{sha}"):
            {
                var create = request.Json!;
                CommitStatuses.Add((segments[^1], create));
                var status = description.Example("POST", request.Template, 201);
                status["id"] = ++_nextId;
                status["state"] = (string)create["state"]!;
                status["context"] = (string?)create["context"] ?? "default";
                status["description"] = (string?)create["description"];
                status["target_url"] = (string?)create["target_url"];
                return Json(201, status);
            }

            case ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}"):
            {
                var number = int.Parse(segments[^1], CultureInfo.InvariantCulture);
                if (!PullRequests.TryGetValue(number, out var pullRequest))
                {
                    return NotFound();
                }

                var answer = description.Example("GET", request.Template, 200);
                answer["number"] = number;
                answer["head"]!["sha"] = pullRequest.HeadSha;
                answer["base"]!["repo"]!["full_name"] = pullRequest.Repository;
                return Json(200, answer);
            }

            default:
                return NotFound();
        }
    }

    private Reply ListComments(RecordedRequest request, OpenApiDescription description)
    {
        var perPage = request.Query.TryGetValue("per_page", out var size) ? int.Parse(size, CultureInfo.InvariantCulture) : 30;
        var page = request.Query.TryGetValue("page", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : 1;
        var segments = request.Path.Trim('/').Split('/');
        var items = new JsonArray();
        foreach (var (id, author, text) in Comments.Skip((page - 1) * perPage).Take(perPage))
        {
            var comment = CommentJson(description.Example("GET", request.Template!, 200)[0]!.DeepClone(), id, text, HtmlUrl(segments, segments[4], id));
            comment["user"]!["login"] = author;
            items.Add(comment);
        }

        var headers = new Dictionary<string, string>();
        var pages = Math.Max(1, (Comments.Count + perPage - 1) / perPage);
        if (page < pages)
        {
            var url = new Uri(BaseUrl, request.Path.TrimStart('/'));
            headers["Link"] = $"<{url}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{url}?per_page={perPage}&page={pages}>; rel=\"last\"";
        }

        return new Reply(200, items.ToJsonString(), headers);
    }

    private static JsonNode CommentJson(JsonNode example, long id, string body, string? htmlUrl)
    {
        example["id"] = id;
        example["body"] = body;
        if (htmlUrl is not null)
        {
            example["html_url"] = htmlUrl;
        }

        return example;
    }

    private static string HtmlUrl(string[] segments, string number, long id) =>
        $"https://github.com/{segments[1]}/{segments[2]}/pull/{number}#issuecomment-{id}";

    private static Reply Json(int status, JsonNode body) => new(status, body.ToJsonString());

    private static Reply NotFound() => new(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""");
}
