using System.Net;
using System.Net.Http.Headers;
using Rampart.Publishing.AzureDevOps;

namespace Rampart.Publishing.Tests.AzureDevOps;

public sealed class AzureDevOpsRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(500, 1, 1.0)]
    [InlineData(503, 3, 4.0)]
    [InlineData(429, 1, 1.0)]
    public void Server_errors_and_rate_limits_back_off_exponentially(int status, int attempt, double seconds)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(TimeSpan.FromSeconds(seconds), AzureDevOpsRetryPolicy.Default.DelayAfter(response, attempt, Now));
    }

    [Fact]
    public void Retry_After_as_a_date_is_waited_for_and_one_beyond_the_longest_wait_is_final()
    {
        using var dated = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        dated.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));
        using var tooLong = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        tooLong.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(30), AzureDevOpsRetryPolicy.Default.DelayAfter(dated, 1, Now));
        Assert.Null(AzureDevOpsRetryPolicy.Default.DelayAfter(tooLong, 1, Now));
    }

    [Theory]
    [InlineData(400, 1)]
    [InlineData(401, 1)]
    [InlineData(404, 1)]
    [InlineData(500, 4)]
    public void Client_errors_and_the_last_attempt_are_final(int status, int attempt)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Null(AzureDevOpsRetryPolicy.Default.DelayAfter(response, attempt, Now));
    }
}
