using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Polly;
using Polly.Retry;

namespace Rampart.Images.Registry;

/// <summary>One request to a registry or its token server: what it is for (in messages), where, and with what.</summary>
internal sealed record RegistryRequest(HttpMethod Method, Uri Uri, string What)
{
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>Sent only to <see cref="AuthorizationOrigin"/>, never to a host a redirect leads to.</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    public Uri? AuthorizationOrigin { get; init; }

    /// <summary>Makes the body for each attempt (a request message can be sent only once).</summary>
    public Func<HttpContent>? Content { get; init; }
}

/// <summary>
/// HTTP for registries: TLS verified against the system's roots plus <see cref="RegistryOptions.TrustedCertificates"/>
/// (any certificate only for <see cref="RegistryOptions.InsecureRegistries"/>), redirects followed by hand so that an
/// Authorization header never leaves its origin, and bounded retries with backoff on 429, 5xx and dropped
/// connections, honouring Retry-After. Connection faults become <see cref="Core.Images.ImageReadException"/>s that say
/// which host and what happened; HTTP error statuses are returned for the caller to explain.
/// </summary>
internal sealed class RegistryTransport : IDisposable
{
    private const int MaxRedirects = 10;

    private readonly RegistryOptions _options;
    private readonly ImageReadSession _session;
    private readonly HttpClient _verified;
    private readonly Lazy<HttpClient> _unverified;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    public RegistryTransport(RegistryOptions options, ImageReadSession session)
    {
        _options = options;
        _session = session;
        _verified = NewClient(Validate);
        // Used only for hosts the user listed in InsecureRegistries: accepting any certificate is what that list means.
#pragma warning disable CA5359
        _unverified = new Lazy<HttpClient>(() => NewClient((_, _, _, _) => true));
#pragma warning restore CA5359
        _retry = options.MaxRetries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    _session.Report(
                        $"{request.What} from {Authority(request.Uri)}: {Reason(args.Outcome)}; retry {args.AttemptNumber + 1} of {options.MaxRetries} " +
                        $"in {args.RetryDelay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            }).Build();
    }

    private static ResiliencePropertyKey<RegistryRequest> RequestKey { get; } = new("rampart.registry.request");

    /// <summary><c>host</c> or <c>host:port</c> of <paramref name="uri"/>, as registries are named.</summary>
    public static string Authority(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

    /// <summary>Sends the request (retrying transient faults) and follows redirects; the caller owns the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var current = request;
        for (var hops = 0; ; hops++)
        {
            var response = await SendOnceAsync(current, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect))
            {
                return response;
            }

            var location = response.Headers.Location;
            var status = (int)response.StatusCode;
            response.Dispose();
            if (location is null)
            {
                throw _session.Error($"{request.What}: {Authority(current.Uri)} answered {status} without a Location to follow");
            }

            if (hops == MaxRedirects)
            {
                throw _session.Error($"{request.What}: more than {MaxRedirects} redirects, the last to {Describe(current.Uri)}");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(current.Uri, location);
            if (current.Uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps && !_options.IsInsecure(Authority(next)))
            {
                throw _session.Error($"{request.What}: {Authority(current.Uri)} redirected from HTTPS to {next.Scheme}://{Authority(next)}, which is not an insecure registry");
            }

            current = current with { Uri = next };
        }
    }

    public void Dispose()
    {
        _verified.Dispose();
        if (_unverified.IsValueCreated)
        {
            _unverified.Value.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var client = _options.IsInsecure(Authority(request.Uri)) ? _unverified.Value : _verified;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await _retry.ExecuteAsync(
                async (ctx, state) =>
                {
                    using var message = state.Build();
                    return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                request).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw _session.Error($"{request.What}: {ConnectionFault(request.Uri, e)}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw _session.Error($"{request.What}: {Authority(request.Uri)} did not answer within {_options.RequestTimeout.TotalSeconds:0} s", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpClient NewClient(RemoteCertificateValidationCallback validate) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate },
    })
    {
        Timeout = _options.RequestTimeout,
    };

    // The system's verdict, or for a certificate whose only fault is an untrusted root, a chain to one of the extra CAs.
    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || _options.TrustedCertificates is not { Count: > 0 } roots)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || ((int)response.StatusCode >= 500 && response.StatusCode is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported)),
        { Exception: HttpRequestException e } => e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError
                or HttpRequestError.UserAuthenticationError or HttpRequestError.ConfigurationLimitExceeded => false,
            HttpRequestError.ConnectionError => !IsRefused(e),
            _ => true,
        },
        { Exception: TaskCanceledException { InnerException: TimeoutException } } => true,
        _ => false,
    };

    // Polly applies MaxDelay to its own backoff only, not to a generated delay.
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan maxDelay)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, maxDelay.Ticks)) : null;
    }

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome.Result is { } response
        ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" + (response.Headers.RetryAfter is null ? string.Empty : " with Retry-After")
        : outcome.Exception?.Message ?? "no answer";

    private static bool IsRefused(HttpRequestException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private static string ConnectionFault(Uri uri, HttpRequestException e)
    {
        var authority = Authority(uri);
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"cannot resolve host '{uri.Host}' (unknown host, or no network)",
            HttpRequestError.ConnectionError when IsRefused(e) => $"{authority} refused the connection; is a registry listening on {uri.Scheme}://{authority}?",
            HttpRequestError.SecureConnectionError =>
                $"TLS with {authority} failed: {Innermost(e)}. Trust its CA if it has a private one; name it an insecure registry only if it has no valid certificate on purpose",
            _ => $"{uri.Scheme}://{authority} failed: {Innermost(e)}",
        };
    }

    private static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not AuthenticationException)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }

    private static string Describe(Uri uri) => $"{uri.Scheme}://{Authority(uri)}{uri.AbsolutePath}";
}

internal static class RegistryRequestExtensions
{
    public static HttpRequestMessage Build(this RegistryRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        foreach (var accept in request.Accept)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (request.Authorization is not null && request.AuthorizationOrigin is { } origin && SameOrigin(request.Uri, origin))
        {
            message.Headers.Authorization = request.Authorization;
        }

        message.Content = request.Content?.Invoke();
        return message;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
