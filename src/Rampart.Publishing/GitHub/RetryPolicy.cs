using System.Globalization;
using System.Net;
using Octokit;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// Which failed GitHub calls are worth another try and after how long: server errors with exponential backoff, rate
/// limits (429, or 403 with <c>Retry-After</c> or an exhausted <c>x-ratelimit-remaining</c>) after the wait GitHub asks for.
/// Bounded in attempts and in the longest wait; a longer wait is a failure, not a hang.
/// </summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan LongestWait)
{
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1; null when the failure is final.</summary>
    public TimeSpan? DelayAfter(ApiException exception, int attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var status = (int)exception.StatusCode;
        var backoff = FirstBackoff * Math.Pow(2, attempt - 1);
        TimeSpan? wait;
        if (status >= 500)
        {
            wait = backoff;
        }
        else if (exception.StatusCode == HttpStatusCode.TooManyRequests || IsRateLimited(exception))
        {
            wait = RequestedWait(exception, now) ?? backoff;
        }
        else
        {
            wait = null;
        }

        return wait <= LongestWait ? wait : null;
    }

    /// <summary>A 403 that is a rate limit rather than a missing permission.</summary>
    public static bool IsRateLimited(ApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == HttpStatusCode.Forbidden
            && (Header(exception, "Retry-After") is not null || Header(exception, "x-ratelimit-remaining") == "0");
    }

    private static TimeSpan? RequestedWait(ApiException exception, DateTimeOffset now)
    {
        if (Header(exception, "Retry-After") is { } retryAfter
            && int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (Header(exception, "x-ratelimit-remaining") == "0"
            && Header(exception, "x-ratelimit-reset") is { } reset
            && long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - now;
            return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
        }

        return null;
    }

    private static string? Header(ApiException exception, string name) =>
        exception.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
