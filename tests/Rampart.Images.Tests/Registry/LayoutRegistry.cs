using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rampart.Images.Tests.Registry;

/// <summary>
/// The registry side of the distribution API over an OCI layout written by the test image builder: <c>/v2/</c>,
/// manifests by tag or digest, blobs by digest, with optional Basic or Bearer auth and blob redirects, so that the
/// client's HTTP behaviour is tested against a real server. The real registry is in the integration tests.
/// </summary>
internal sealed class LayoutRegistry
{
    private readonly string _layout;
    private readonly string _repository;
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);

    public LayoutRegistry(string layout, string repository)
    {
        _layout = layout;
        _repository = repository;
        IndexJson = File.ReadAllBytes(Path.Combine(layout, "index.json"));
    }

    /// <summary>The layout's index.json, served as an image index under its own digest.</summary>
    public byte[] IndexJson { get; }

    public string IndexDigest => Digest(IndexJson);

    /// <summary>Basic credentials the registry requires, when set.</summary>
    public (string User, string Password)? Basic { get; init; }

    /// <summary>Bearer auth: the token server's realm and the token it issues, when set.</summary>
    public (Uri Realm, string Service, string Token)? Bearer { get; init; }

    /// <summary>Where blob requests are redirected (with 307), when set.</summary>
    public Uri? BlobRedirect { get; init; }

    /// <summary>A Docker-Content-Digest to send instead of the true one.</summary>
    public string? LyingDigest { get; init; }

    public LayoutRegistry Tag(string tag, string digest)
    {
        _tags[tag] = digest;
        return this;
    }

    public async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        if (!Authorized(request.Headers["Authorization"]))
        {
            response.AddHeader("WWW-Authenticate", Bearer is { } b
                ? $"Bearer realm=\"{b.Realm}\",service=\"{b.Service}\"" + (path == "/v2/" ? string.Empty : $",scope=\"repository:{_repository}:pull\"")
                : "Basic realm=\"test\"");
            await LoopbackServer.WriteAsync(response, 401, Errors("UNAUTHORIZED", "authentication required"));
            return;
        }

        if (path == "/v2/")
        {
            await LoopbackServer.WriteAsync(response, 200, "{}");
            return;
        }

        var prefix = $"/v2/{_repository}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await LoopbackServer.WriteAsync(response, 404, Errors("NAME_UNKNOWN", "repository name not known to registry"));
            return;
        }

        var rest = path[prefix.Length..];
        if (rest.StartsWith("manifests/", StringComparison.Ordinal))
        {
            var reference = rest["manifests/".Length..];
            var digest = _tags.TryGetValue(reference, out var tagged) ? tagged : reference;
            var bytes = Blob(digest);
            if (bytes is null)
            {
                await LoopbackServer.WriteAsync(response, 404, Errors("MANIFEST_UNKNOWN", $"manifest unknown: {reference}"));
                return;
            }

            response.AddHeader("Docker-Content-Digest", LyingDigest ?? digest);
            response.StatusCode = 200;
            response.ContentType = MediaType(bytes);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
            return;
        }

        if (rest.StartsWith("blobs/", StringComparison.Ordinal))
        {
            var digest = rest["blobs/".Length..];
            if (BlobRedirect is { } storage)
            {
                response.RedirectLocation = new Uri(storage, $"storage/{digest}?signature=abc").ToString();
                response.StatusCode = 307;
                response.Close();
                return;
            }

            await ServeBlobAsync(response, digest);
            return;
        }

        await LoopbackServer.WriteAsync(response, 404, Errors("UNSUPPORTED", "not served here"));
    }

    /// <summary>Serves blobs the way blob storage does after a redirect: by digest, no auth.</summary>
    public Task ServeStorageAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        return ServeBlobAsync(context.Response, path["/storage/".Length..]);
    }

    public static string Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Errors(string code, string message) =>
        JsonSerializer.Serialize(new { errors = new[] { new { code, message, detail = (object?)null } } });

    private async Task ServeBlobAsync(HttpListenerResponse response, string digest)
    {
        var bytes = Blob(digest);
        if (bytes is null)
        {
            await LoopbackServer.WriteAsync(response, 404, Errors("BLOB_UNKNOWN", "blob unknown to registry"));
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private bool Authorized(string? header)
    {
        if (Basic is { } basic)
        {
            return header == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}"));
        }

        return Bearer is not { } bearer || header == "Bearer " + bearer.Token;
    }

    private byte[]? Blob(string digest)
    {
        if (digest == IndexDigest)
        {
            return IndexJson;
        }

        var path = Path.Combine(_layout, "blobs", "sha256", digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..] : digest);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private static string MediaType(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("mediaType", out var type) ? type.GetString()! : "application/vnd.oci.image.manifest.v1+json";
    }
}
