using System.Text;
using Octokit;
using Octokit.Internal;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// Octokit labels the JSON it sends <c>application/x-www-form-urlencoded</c>; GitHub's REST description accepts
/// <c>application/json</c>, so bodies are sent as that.
/// </summary>
internal sealed class JsonBodyHttpClient : IHttpClient
{
    private readonly IHttpClient _inner;

    public JsonBodyHttpClient(IHttpClient inner) => _inner = inner;

    public Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Body is string json)
        {
            request.Body = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return _inner.Send(request, cancellationToken, preprocessResponseBody);
    }

    public void SetRequestTimeout(TimeSpan timeout) => _inner.SetRequestTimeout(timeout);

    public void Dispose() => _inner.Dispose();
}
