using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// The Git pull-request REST API of one pull request (api-version 7.1) over HttpClient: every call is named, sent with
/// the job token as a bearer token, retried per <see cref="AzureDevOpsRetryPolicy"/>, and fails as
/// <see cref="AzureDevOpsPublishException"/>.
/// </summary>
internal sealed class AzureDevOpsApi
{
    public const string ApiVersion = "7.1";

    private readonly HttpClient _http;
    private readonly Uri _pullRequest;
    private readonly AccessToken _token;
    private readonly AzureDevOpsRetryPolicy _policy;
    private readonly TimeProvider _time;

    /// <param name="http">The client; its handler decides where requests go.</param>
    /// <param name="pullRequest"><c>{collection}{project}/_apis/git/repositories/{repository}/pullRequests/{id}/</c>.</param>
    /// <param name="token">The job token.</param>
    /// <param name="policy">Which failures are retried, how often and after how long.</param>
    /// <param name="time">The clock for retry waits.</param>
    public AzureDevOpsApi(HttpClient http, Uri pullRequest, AccessToken token, AzureDevOpsRetryPolicy policy, TimeProvider time)
    {
        _http = http;
        _pullRequest = pullRequest;
        _token = token;
        _policy = policy;
        _time = time;
    }

    /// <summary>The pull request's REST address for an environment that names one.</summary>
    public static Uri PullRequestUrl(Uri collection, string project, string repositoryId, int pullRequestId) =>
        new(collection, $"{Uri.EscapeDataString(project)}/_apis/git/repositories/{Uri.EscapeDataString(repositoryId)}/pullRequests/{pullRequestId}/");

    /// <summary>Sends <paramref name="body"/> (or nothing) to <paramref name="path"/> under the pull request; the JSON answer, or null when empty.</summary>
    public async Task<JsonNode?> SendAsync(string operation, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var url = new Uri(_pullRequest, $"{path}?api-version={ApiVersion}");
        var json = body?.ToJsonString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Value);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new AzureDevOpsPublishException(operation, null, e.Message, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AzureDevOpsPublishException(operation, null, $"no answer within {_http.Timeout.TotalSeconds:0} seconds", e);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NonAuthoritativeInformation)
                {
                    return Parse(operation, response.StatusCode, text);
                }

                if (_policy.DelayAfter(response, attempt, _time.GetUtcNow()) is { } delay)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var tries = attempt == 1 ? string.Empty : $" (after {attempt} attempts)";
                throw new AzureDevOpsPublishException(operation, response.StatusCode, ServerMessage(response.StatusCode, text) + tries);
            }
        }
    }

    private static JsonNode? Parse(string operation, HttpStatusCode status, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new AzureDevOpsPublishException(operation, status, "the answer is not JSON", e);
        }
    }

    /// <summary>
    /// The <c>message</c> of Azure DevOps' error body (e.g. <c>TF401027: You need the Git 'PullRequestContribute'
    /// permission...</c>). A 203 is the sign-in page a token that was not accepted gets.
    /// </summary>
    private static string ServerMessage(HttpStatusCode status, string text)
    {
        if (status == HttpStatusCode.NonAuthoritativeInformation)
        {
            return "the token was not accepted (the server answered with its sign-in page)";
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject error && error["message"] is JsonValue message && message.TryGetValue<string>(out var value))
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Not Azure DevOps' error body: a proxy's page or an empty answer; the status says enough.
        }

        return "no error message";
    }
}

/// <summary>
/// Which failed calls are worth another try and after how long: server errors with exponential backoff, 429 after the
/// <c>Retry-After</c> the server asks for. Bounded in attempts and in the longest wait; a longer wait is a failure, not a hang.
/// </summary>
internal sealed record AzureDevOpsRetryPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan LongestWait)
{
    public static AzureDevOpsRetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1; null when the failure is final.</summary>
    public TimeSpan? DelayAfter(HttpResponseMessage response, int attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (attempt >= MaxAttempts || (status < 500 && response.StatusCode != HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        var backoff = FirstBackoff * Math.Pow(2, attempt - 1);
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => backoff,
        };
        return wait <= LongestWait ? wait : null;
    }
}

/// <summary>An Azure DevOps REST call failed for good. The message names the operation and the HTTP status, never the token.</summary>
public sealed class AzureDevOpsPublishException : Exception
{
    public AzureDevOpsPublishException(string operation, HttpStatusCode? status, string message, Exception? innerException = null)
        : base(status is { } code ? $"{operation}: HTTP {(int)code} {message}" : $"{operation}: {message}", innerException)
    {
        Operation = operation;
        Status = status;
    }

    public AzureDevOpsPublishException()
        : this("Azure DevOps REST call", null, "failed")
    {
    }

    public AzureDevOpsPublishException(string message)
        : this("Azure DevOps REST call", null, message)
    {
    }

    public AzureDevOpsPublishException(string message, Exception innerException)
        : this("Azure DevOps REST call", null, message, innerException)
    {
    }

    /// <summary>What was being done, e.g. "create the summary thread".</summary>
    public string Operation { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>
    /// The job token may not do this: 401 or 403 (Azure DevOps answers TF401027 when the build service identity lacks
    /// "Contribute to pull requests"), or 203, its sign-in page for a token it did not accept.
    /// </summary>
    public bool IsPermissionDenied => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NonAuthoritativeInformation;
}
