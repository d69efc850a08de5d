using System.Net;

namespace Rampart.Publishing.GitHub;

/// <summary>A GitHub API call failed for good. The message names the operation and the HTTP status, never the token.</summary>
public sealed class GitHubPublishException : Exception
{
    public GitHubPublishException(string operation, HttpStatusCode? status, bool rateLimited, string message, Exception? innerException = null)
        : base(status is { } code ? $"{operation}: HTTP {(int)code} {message}" : $"{operation}: {message}", innerException)
    {
        Operation = operation;
        Status = status;
        RateLimited = rateLimited;
    }

    public GitHubPublishException()
        : this("GitHub API call", null, false, "failed")
    {
    }

    public GitHubPublishException(string message)
        : this("GitHub API call", null, false, message)
    {
    }

    public GitHubPublishException(string message, Exception innerException)
        : this("GitHub API call", null, false, message, innerException)
    {
    }

    /// <summary>What was being done, e.g. "create check run".</summary>
    public string Operation { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>GitHub answered with a rate limit that did not lift within the retries.</summary>
    public bool RateLimited { get; }

    /// <summary>
    /// The token may not do this (a fork pull request's read-only token, missing <c>permissions:</c>): 403 that is not a
    /// rate limit, or 401. The publisher falls back to what needs no token.
    /// </summary>
    public bool IsPermissionDenied => !RateLimited && Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
}
