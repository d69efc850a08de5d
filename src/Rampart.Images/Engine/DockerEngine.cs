using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Rampart.Core.Images;
using Platform = Rampart.Core.Images.Platform;

namespace Rampart.Images.Engine;

/// <summary>
/// A connection to a Docker engine (Engine API over a unix socket, a named pipe or TCP). One instance serves every
/// <see cref="DockerEngineImageSource"/> and <see cref="DockerBuildImageSource"/> of a run; dispose it at the end.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>Where the engine listens when <c>DOCKER_HOST</c> is not set.</summary>
    public static readonly Uri DefaultEndpoint = OperatingSystem.IsWindows()
        ? new Uri("npipe://./pipe/docker_engine")
        : new Uri("unix:///var/run/docker.sock");

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _pingGate = new(1, 1);
    private bool _answered;

    public DockerEngine(Uri endpoint)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
    }

    /// <summary>The engine <c>DOCKER_HOST</c> names, else <see cref="DefaultEndpoint"/>.</summary>
    public static DockerEngine FromEnvironment() => new(ResolveEndpoint(Environment.GetEnvironmentVariable("DOCKER_HOST")));

    /// <summary>
    /// The endpoint a <c>DOCKER_HOST</c> value names (<c>unix:///run/docker.sock</c>, <c>tcp://host:2375</c>,
    /// <c>npipe:////./pipe/docker_engine</c>), or <see cref="DefaultEndpoint"/> when it is empty.
    /// </summary>
    /// <exception cref="ImageReadException">The value is not an endpoint Rampart can talk to.</exception>
    public static Uri ResolveEndpoint(string? dockerHost)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return DefaultEndpoint;
        }

        if (!Uri.TryCreate(dockerHost.Trim(), UriKind.Absolute, out var endpoint) ||
            endpoint.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            throw new ImageReadException(
                $"DOCKER_HOST '{dockerHost}' is not an engine endpoint; expected unix:///path/docker.sock, tcp://host:port or npipe:////./pipe/name.");
        }

        return endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The Docker.DotNet client, for callers that need more of the Engine API.</summary>
    public DockerClient Client { get; }

    /// <summary>Whether the engine answers a ping within a few seconds.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ImageReadException)
        {
            return false;
        }
    }

    /// <summary>Pings the engine once per instance.</summary>
    /// <exception cref="ImageReadException">The engine does not answer; the message names the endpoint.</exception>
    public async Task EnsureAnswersAsync(CancellationToken cancellationToken)
    {
        if (_answered)
        {
            return;
        }

        await _pingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_answered)
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            try
            {
                await Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw NotAnswering($"no answer within {PingTimeout.TotalSeconds:0} s", null);
            }
            catch (Exception e) when (IsConnectionFault(e))
            {
                throw NotAnswering(Describe(e), e);
            }

            _answered = true;
        }
        finally
        {
            _pingGate.Release();
        }
    }

    /// <summary>
    /// Inspects <paramref name="name"/>; when the engine does not have it and <paramref name="pull"/> is set, pulls it
    /// for <paramref name="platform"/> (status lines go to <paramref name="progress"/>) and inspects it again.
    /// </summary>
    /// <exception cref="ImageReadException">The engine does not answer, or the image is neither there nor pullable.</exception>
    public async Task<ImageInspectResponse> InspectOrPullAsync(
        string name, bool pull, Platform? platform, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        var found = await TryInspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return found;
        }

        if (!pull)
        {
            throw new ImageReadException($"docker:{name}: no such image in the Docker engine at {Endpoint}.");
        }

        await PullAsync(name, platform, progress, cancellationToken).ConfigureAwait(false);
        return await TryInspectAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageReadException($"docker:{name}: the Docker engine at {Endpoint} pulled the image but does not list it.");
    }

    /// <summary>The image's inspect data, or <see langword="null"/> when the engine does not have it.</summary>
    public async Task<ImageInspectResponse?> TryInspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.Images.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or SocketException)
        {
            throw Fault($"docker:{name}: inspecting the image failed", e);
        }
    }

    private async Task PullAsync(string name, Platform? platform, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (repository, tag) = ImageReferences.SplitForPull(name);
        string? error = null;
        var lastStatus = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new SynchronousProgress<JSONMessage>(message =>
        {
            if (message.Error is { Message: { Length: > 0 } text })
            {
                error = text;
                return;
            }

            // Status lines without a progress bar: "Pulling from", "Pull complete", "Digest", "Status"; each layer's
            // status is reported when it changes, not for every chunk downloaded.
            if (string.IsNullOrEmpty(message.Status) || message.Progress is not null)
            {
                return;
            }

            var key = message.ID ?? string.Empty;
            if (lastStatus.TryGetValue(key, out var previous) && previous == message.Status)
            {
                return;
            }

            lastStatus[key] = message.Status;
            progress?.Report(string.IsNullOrEmpty(message.ID) ? $"pull {name}: {message.Status}" : $"pull {name}: {message.ID}: {message.Status}");
        });

        progress?.Report($"pull {name}: not in the engine at {Endpoint}, pulling");
        try
        {
            await Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = repository, Tag = tag, Platform = platform?.ToString() },
                authConfig: null,
                messages,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or SocketException)
        {
            throw Fault($"docker:{name}: the image is not in the Docker engine at {Endpoint} and pulling it failed", e);
        }

        if (error is not null)
        {
            throw new ImageReadException($"docker:{name}: the image is not in the Docker engine at {Endpoint} and pulling it failed: {error}");
        }
    }

    /// <summary>An <see cref="ImageReadException"/> for a failed engine call: the engine's own message when it gave one.</summary>
    internal ImageReadException Fault(string what, Exception e) =>
        IsConnectionFault(e)
            ? NotAnswering(Describe(e), e)
            : new ImageReadException($"{what}: {Describe(e)}", e);

    internal static bool IsConnectionFault(Exception e) =>
        e is HttpRequestException or SocketException or TimeoutException ||
        (e is IOException && e.InnerException is SocketException);

    /// <summary>The engine's <c>message</c> for API errors; the innermost useful message otherwise.</summary>
    internal static string Describe(Exception e)
    {
        if (e is DockerApiException api)
        {
            try
            {
                using var body = JsonDocument.Parse(string.IsNullOrWhiteSpace(api.ResponseBody) ? "null" : api.ResponseBody);
                if (body.RootElement.ValueKind == JsonValueKind.Object &&
                    body.RootElement.TryGetProperty("message", out var message) &&
                    message.ValueKind == JsonValueKind.String &&
                    message.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through to the raw body.
            }

            return string.IsNullOrWhiteSpace(api.ResponseBody) ? $"HTTP {(int)api.StatusCode}" : api.ResponseBody.Trim();
        }

        var detail = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(inner.Message))
            {
                detail = $"{detail} ({inner.Message})";
                break;
            }
        }

        return detail;
    }

    private ImageReadException NotAnswering(string reason, Exception? inner)
    {
        var message = $"The Docker engine at {Endpoint} does not answer: {reason}. Start it, or point DOCKER_HOST at one that runs.";
        return inner is null ? new ImageReadException(message) : new ImageReadException(message, inner);
    }

    public void Dispose()
    {
        Client.Dispose();
        _pingGate.Dispose();
    }

    /// <summary>Calls back on the reporting thread, in order; <see cref="Progress{T}"/> would post to the thread pool.</summary>
    internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }
}
