using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rampart.Core.Images;
using Rampart.Images.Config;
using Rampart.Images.Oci;

namespace Rampart.Images.Registry;

/// <summary>A manifest or index fetched by tag or digest, its bytes verified against its digest.</summary>
internal sealed record RegistryManifest(byte[] Bytes, string MediaType, string Digest);

/// <summary>
/// The OCI distribution API for one repository: resolves tags, fetches manifests and streams blobs, authenticating
/// as the registry asks (anonymous, Basic, or a Bearer token from its token server, anonymous or with credentials),
/// and turns every refusal into an error in the registry's own words.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
        [OciMediaTypes.ImageIndex, OciMediaTypes.ImageManifest, OciMediaTypes.DockerManifestList, OciMediaTypes.DockerManifest];

    private readonly ImageReference _image;
    private readonly RegistryOptions _options;
    private readonly ImageReadSession _session;
    private readonly RegistryTransport _transport;
    private readonly RegistryCredentialResolver _resolver;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Uri? _base;
    private AuthenticationHeaderValue? _authorization;
    private FoundCredentials? _credentials;
    private bool _credentialsSought;

    public RegistryClient(ImageReference image, RegistryOptions options, ImageReadSession session, RegistryTransport transport)
    {
        _image = image;
        _options = options;
        _session = session;
        _transport = transport;
        _resolver = new RegistryCredentialResolver(options, session.Warn);
    }

    private string Repository => $"{_image.Registry}/{_image.Repository}";

    /// <summary>Fetches the manifest or index <paramref name="reference"/> (a tag or digest) names and checks its digest.</summary>
    public async Task<RegistryManifest> GetManifestAsync(string reference, CancellationToken cancellationToken)
    {
        var what = $"manifest {reference}";
        using var response = await GetAsync($"manifests/{reference}", ManifestTypes, what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ExplainAsync(response, what, reference, cancellationToken).ConfigureAwait(false);
        }

        CheckManifestSize(response, what);
        byte[] bytes;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            bytes = await _session.ReadMetadataAsync(body, what, cancellationToken).ConfigureAwait(false);
        }

        var digest = ImageReadSession.Sha256Digest(bytes);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } claimed
            && Digests.IsSha256(claimed) && claimed != digest)
        {
            throw _session.Error($"{what}: {_image.Registry} says its digest is {claimed} (Docker-Content-Digest) but its bytes hash to {digest}; it is truncated or altered");
        }

        if (_image.Digest is { } pinned && pinned != digest)
        {
            throw _session.Error($"{what}: the manifest {_image.Registry} sent hashes to {digest}, not to the digest the reference pins");
        }

        return new RegistryManifest(bytes, MediaTypeOf(response, bytes, what), digest);
    }

    /// <summary>Opens a manifest or index by digest; the reader verifies its bytes.</summary>
    public async Task<Stream> OpenManifestAsync(string digest, CancellationToken cancellationToken)
    {
        var what = $"manifest {digest}";
        var response = await GetAsync($"manifests/{digest}", ManifestTypes, what, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ExplainAsync(response, what, digest, cancellationToken).ConfigureAwait(false);
            }

            CheckManifestSize(response, what);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return await ResponseStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams a blob (config or layer), wherever the registry redirects to; the reader verifies its bytes.</summary>
    public async Task<Stream> OpenBlobAsync(string digest, CancellationToken cancellationToken)
    {
        var what = $"blob {digest}";
        var response = await GetAsync($"blobs/{digest}", [], what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ExplainAsync(response, what, digest, cancellationToken).ConfigureAwait(false);
            }
        }

        return await ResponseStream.OpenAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string path, IReadOnlyList<string> accept, string what, CancellationToken cancellationToken)
    {
        var baseUri = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(baseUri, $"v2/{_image.Repository}/{path}");
        var sentWith = _authorization;
        var response = await SendAsync(uri, accept, what, sentWith, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        if (!await AuthenticateAsync(Challenges(response), sentWith, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        return await SendAsync(uri, accept, what, _authorization, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendAsync(
        Uri uri, IReadOnlyList<string> accept, string what, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken) =>
        _transport.SendAsync(
            new RegistryRequest(HttpMethod.Get, uri, what) { Accept = accept, Authorization = authorization, AuthorizationOrigin = _base },
            cancellationToken);

    // GET /v2/ once: finds the scheme (HTTPS, or plain HTTP for an insecure registry that has no TLS) and how the
    // registry wants to be authenticated, so that the first real request already carries it.
    private async Task<Uri> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_base is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_base is not null)
            {
                return _base;
            }

            var https = new Uri($"https://{_image.ApiHost}/");
            HttpResponseMessage response;
            try
            {
                response = await PingAsync(https, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageReadException e) when (_options.IsInsecure(_image.Registry)
                && e.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded })
            {
                _session.Report($"{_image.Registry} speaks no TLS; using plain HTTP, as it is an insecure registry");
                response = await PingAsync(new Uri($"http://{_image.ApiHost}/"), cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                var baseUri = new Uri(response.RequestMessage?.RequestUri ?? https, "/");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    await AuthenticateLockedAsync(Challenges(response), null, cancellationToken).ConfigureAwait(false);
                }
                else if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw _session.Error($"{_image.ApiHost} is not a container registry: GET /v2/ answered 404");
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw await ExplainAsync(response, "the registry check (GET /v2/)", null, cancellationToken).ConfigureAwait(false);
                }

                _base = baseUri;
                return baseUri;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<HttpResponseMessage> PingAsync(Uri baseUri, CancellationToken cancellationToken) =>
        _transport.SendAsync(new RegistryRequest(HttpMethod.Get, new Uri(baseUri, "v2/"), $"the registry check of {_image.Registry}"), cancellationToken);

    private async Task<bool> AuthenticateAsync(IReadOnlyList<AuthChallenge> challenges, AuthenticationHeaderValue? sentWith, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request renewed the authorization while this one waited: try with that.
            return !ReferenceEquals(_authorization, sentWith) || await AuthenticateLockedAsync(challenges, sentWith, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> AuthenticateLockedAsync(IReadOnlyList<AuthChallenge> challenges, AuthenticationHeaderValue? sentWith, CancellationToken cancellationToken)
    {
        if (challenges.FirstOrDefault(c => c.IsBearer && c.Realm is not null) is { } bearer)
        {
            _authorization = new AuthenticationHeaderValue(AuthChallenge.BearerScheme, await FetchTokenAsync(bearer, cancellationToken).ConfigureAwait(false));
            return true;
        }

        if (challenges.Any(c => c.IsBasic) && sentWith is null
            && await CredentialsAsync(cancellationToken).ConfigureAwait(false) is { Credentials: { Username: { } user, Password: { } password } })
        {
            _authorization = BasicHeader(user, password);
            return true;
        }

        return false;
    }

    // The token flow of the distribution spec: GET realm?service=&scope= (Basic with a user and password, none for an
    // anonymous token), or an OAuth2 refresh-token POST for an identity token. Answers carry token or access_token.
    private async Task<string> FetchTokenAsync(AuthChallenge challenge, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw _session.Error($"{_image.Registry} names token server '{challenge.Realm}', which is not an HTTP(S) URL");
        }

        var credentials = await CredentialsAsync(cancellationToken).ConfigureAwait(false);
        if (realm.Scheme == Uri.UriSchemeHttp && credentials is not null && !_options.IsInsecure(RegistryTransport.Authority(realm)))
        {
            throw _session.Error($"{_image.Registry} names token server {realm.GetLeftPart(UriPartial.Path)}, which is plain HTTP; credentials are not sent there unless it is an insecure registry");
        }

        var scope = challenge.Scope ?? $"repository:{_image.Repository}:pull";
        var parameters = new List<KeyValuePair<string, string>>();
        if (challenge.Service is { } service)
        {
            parameters.Add(new("service", service));
        }

        parameters.Add(new("scope", scope));
        var what = $"a token for {scope} from {realm.GetLeftPart(UriPartial.Path)}";
        RegistryRequest request;
        if (credentials?.Credentials.IdentityToken is { } identityToken)
        {
            var form = new List<KeyValuePair<string, string>>(parameters)
            {
                new("grant_type", "refresh_token"),
                new("refresh_token", identityToken),
                new("client_id", "rampart"),
            };
            request = new RegistryRequest(HttpMethod.Post, realm, what) { Content = () => new FormUrlEncodedContent(form) };
        }
        else
        {
            var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var separator = string.IsNullOrEmpty(realm.Query) ? "?" : "&";
            request = new RegistryRequest(HttpMethod.Get, new Uri(realm + separator + query), what)
            {
                Authorization = credentials?.Credentials is { Username: { } user, Password: { } password } ? BasicHeader(user, password) : null,
                AuthorizationOrigin = realm,
            };
        }

        using var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var message = RegistryErrors.Describe(await RegistryErrors.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false));
            var who = credentials is null ? "an anonymous token" : $"a token for the credentials from {credentials.Source}";
            throw _session.Error(
                $"the token server {RegistryTransport.Authority(realm)} refused {who} for {scope}: {(int)response.StatusCode} {response.ReasonPhrase}" +
                (message is null ? string.Empty : $": {message}") + (credentials is null ? NoCredentialsHint() : string.Empty));
        }

        byte[] json;
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            json = await _session.ReadMetadataAsync(body, $"the answer of the token server {RegistryTransport.Authority(realm)}", cancellationToken).ConfigureAwait(false);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var name in new[] { "token", "access_token" })
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var token)
                    && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
            // Reported below, without the body: it may hold a token.
        }

        throw _session.Error($"the token server {RegistryTransport.Authority(realm)} answered without a token (no 'token' or 'access_token' in its JSON)");
    }

    private async Task<FoundCredentials?> CredentialsAsync(CancellationToken cancellationToken)
    {
        if (!_credentialsSought)
        {
            _credentials = await _resolver.FindAsync(_image, cancellationToken).ConfigureAwait(false);
            _credentialsSought = true;
        }

        return _credentials;
    }

    private async Task<ImageReadException> ExplainAsync(HttpResponseMessage response, string what, string? reference, CancellationToken cancellationToken)
    {
        var body = await RegistryErrors.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var message = RegistryErrors.Describe(body);
        var said = message is null ? string.Empty : $": {message}";
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return _session.Error($"{what}: {_image.Registry} refused access to {_image.Repository} ({status}){said}.{CredentialsHint()}");
            case HttpStatusCode.Forbidden:
                return _session.Error($"{what}: {_image.Registry} denied access to {_image.Repository} ({status}){said}.{CredentialsHint()}");
            case HttpStatusCode.NotFound when RegistryErrors.Codes(body).Contains("NAME_UNKNOWN"):
                return _session.Error($"repository {Repository} does not exist ({status}){said}");
            case HttpStatusCode.NotFound when what.StartsWith("manifest", StringComparison.Ordinal):
                return _session.Error($"{(reference is not null && Digests.IsSha256(reference) ? "manifest " + reference : "tag '" + reference + "'")} not found in {Repository} ({status}){said}");
            case HttpStatusCode.NotFound:
                return _session.Error($"{what} not found in {Repository} ({status}){said}");
            case HttpStatusCode.TooManyRequests:
            case >= HttpStatusCode.InternalServerError:
                return _session.Error($"{what}: {_image.Registry} answered {status}{(_options.MaxRetries > 0 ? $" after {_options.MaxRetries} retries" : string.Empty)}{said}");
            default:
                return _session.Error($"{what}: {_image.Registry} answered {status}{said}");
        }
    }

    private string CredentialsHint() => _credentials is { } found
        ? $" The credentials from {found.Source} ({found.Credentials}) were used."
        : NoCredentialsHint();

    private string NoCredentialsHint() =>
        $" No credentials were found for {_image.AuthKey} (none were given, and none are in {_resolver.DockerConfigPath}).";

    private void CheckManifestSize(HttpResponseMessage response, string what)
    {
        var limit = _session.Options.Limits.MaxMetadataBytes;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw _session.Error($"{what} is {length} bytes, larger than {limit} bytes (limit MaxMetadataBytes)");
        }
    }

    private string MediaTypeOf(HttpResponseMessage response, byte[] bytes, string what)
    {
        var declared = response.Content.Headers.ContentType?.MediaType;
        string? inBody = null;
        int? schemaVersion = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                inBody = ImageConfigParser.Property(document.RootElement, "mediaType") is { ValueKind: JsonValueKind.String } m ? m.GetString() : null;
                schemaVersion = ImageConfigParser.Property(document.RootElement, "schemaVersion") is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var n) ? n : null;
            }
        }
        catch (JsonException e)
        {
            throw _session.Error($"{what} is not valid JSON: {e.Message}", e);
        }

        if (schemaVersion == 1 || declared?.StartsWith("application/vnd.docker.distribution.manifest.v1", StringComparison.Ordinal) == true)
        {
            throw _session.Error($"{what} is a Docker schema 1 manifest, which this reader does not read; push the image again with a current client");
        }

        var mediaType = declared is not null && ManifestTypes.Contains(declared) ? declared : inBody;
        return mediaType is not null && ManifestTypes.Contains(mediaType)
            ? mediaType
            : throw _session.Error($"{what} has media type '{inBody ?? declared ?? "(none)"}', which is not an image index or manifest this reader knows ({string.Join(", ", ManifestTypes)})");
    }

    private static IReadOnlyList<AuthChallenge> Challenges(HttpResponseMessage response) =>
        AuthChallenge.Parse(response.Headers.TryGetValues("WWW-Authenticate", out var values) ? values : []);

    private static AuthenticationHeaderValue BasicHeader(string user, string password) =>
        new(AuthChallenge.BasicScheme, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
