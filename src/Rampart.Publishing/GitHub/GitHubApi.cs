using System.Net;
using Octokit;
using Octokit.Internal;

namespace Rampart.Publishing.GitHub;

/// <summary>Octokit with retries: every call is named, retried per <see cref="RetryPolicy"/>, and fails as <see cref="GitHubPublishException"/>.</summary>
internal sealed class GitHubApi
{
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _time;

    public GitHubApi(IGitHubClient client, RetryPolicy policy, TimeProvider time)
    {
        Client = client;
        _policy = policy;
        _time = time;
    }

    public IGitHubClient Client { get; }

    /// <summary>
    /// A client for <paramref name="apiUrl"/> as given: Octokit's own constructor would rewrite any host other than
    /// api.github.com to <c>/api/v3/</c>, which is wrong for GitHub Enterprise Cloud with data residency.
    /// </summary>
    public static IGitHubClient CreateClient(Uri apiUrl, GitHubToken token, string version)
    {
        var connection = new Connection(
            new ProductHeaderValue("rampart", version),
            apiUrl,
            new InMemoryCredentialStore(new Credentials(token.Value)),
            new JsonBodyHttpClient(new HttpClientAdapter(HttpMessageHandlerFactory.CreateDefault)),
            new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }

    public async Task<T> CallAsync<T>(string operation, Func<IGitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call(Client).ConfigureAwait(false);
            }
            catch (ApiException e)
            {
                if (_policy.DelayAfter(e, attempt, _time.GetUtcNow()) is not { } delay)
                {
                    var rateLimited = e.StatusCode == HttpStatusCode.TooManyRequests || RetryPolicy.IsRateLimited(e);
                    var tries = attempt == 1 ? string.Empty : $" (after {attempt} attempts)";
                    throw new GitHubPublishException(operation, e.StatusCode, rateLimited, e.Message + tries, e);
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new GitHubPublishException(operation, null, false, e.Message, e);
            }
        }
    }

    public Task CallAsync(string operation, Func<IGitHubClient, Task> call, CancellationToken cancellationToken) =>
        CallAsync(operation, async c =>
        {
            await call(c).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
