using System.Collections.Concurrent;
using System.Net;
using Rampart.Core.Images;
using Rampart.Images.Registry;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.Images.Tests.Registry;

/// <summary>The registry source against a real HTTP server on loopback serving an image the test builder wrote.</summary>
public sealed class RegistryImageSourceTests : IDisposable
{
    private const string Repository = "team/app";
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

    private readonly TempDirectory _temp = new();
    private readonly Lines _progress = new();
    private readonly List<IDisposable> _servers = [];

    public void Dispose()
    {
        _servers.ForEach(s => s.Dispose());
        _temp.Dispose();
    }

    [Fact]
    public async Task Pull_Tag_GivesTheSameViewAsTheLayoutItWasServedFrom()
    {
        var image = TestImages.Sample().Build();
        var layout = Layout(image);
        var registry = new LayoutRegistry(layout, Repository).Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var snapshot = await Source($"registry:{server.Authority}/{Repository}:1", server).ReadAsync(TestImages.Selection, CancellationToken.None);
        var expected = await new OciDirectorySource(layout, "oci-dir:x", ImageReaderOptions.Default).ReadAsync(TestImages.Selection, CancellationToken.None);

        Assert.Equal(Describe(expected), Describe(snapshot));
        Assert.Equal(image.ManifestDigest, snapshot.Image.ManifestDigest);
        Assert.Equal([$"{server.Authority}/{Repository}:1"], snapshot.Image.RepoTags);
        Assert.Contains(_progress.All, l => l.Contains("speaks no TLS; using plain HTTP", StringComparison.Ordinal));
        var manifestRequest = server.Requests.First(r => r.PathAndQuery == $"/v2/{Repository}/manifests/1");
        foreach (var type in new[] { "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json" })
        {
            Assert.Contains(type, manifestRequest.Accept, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pull_MultiPlatformIndex_PicksTheRequestedPlatform_ByTagAndByDigest()
    {
        var (amd64, arm64, layout) = MultiPlatform();
        var registry = new LayoutRegistry(layout, Repository);
        registry.Tag("multi", registry.IndexDigest);
        var server = Serve(registry.HandleAsync);
        var armOptions = new ImageReaderOptions { Platform = Platform.Parse("linux/arm64"), Progress = _progress };

        var byTag = await Source($"{server.Authority}/{Repository}:multi", server, armOptions).ReadAsync(TestImages.Selection, CancellationToken.None);
        var byDigest = await Source($"{server.Authority}/{Repository}@{registry.IndexDigest}", server).ReadAsync(TestImages.Selection, CancellationToken.None);

        Assert.Equal(arm64.ManifestDigest, byTag.Image.ManifestDigest);
        Assert.Equal(Arm64, byTag.Image.Platform);
        Assert.Equal(amd64.ManifestDigest, byDigest.Image.ManifestDigest);
        Assert.Empty(byDigest.Image.RepoTags);
    }

    [Fact]
    public async Task Pull_IndexWithoutThePlatform_ListsThePlatformsItHas()
    {
        var (_, _, layout) = MultiPlatform();
        var registry = new LayoutRegistry(layout, Repository);
        registry.Tag("multi", registry.IndexDigest);
        var server = Serve(registry.HandleAsync);

        var error = await ReadFailsAsync($"{server.Authority}/{Repository}:multi", server, new ImageReaderOptions { Platform = Platform.Parse("linux/s390x") });

        Assert.Contains($"has no image for linux/s390x; it has: linux/amd64, linux/arm64/v8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_DockerContentDigestDisagreeingWithTheBytes_Fails()
    {
        var image = TestImages.Sample().Build();
        var registry = new LayoutRegistry(Layout(image), Repository) { LyingDigest = "sha256:" + new string('e', 64) }.Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var error = await ReadFailsAsync($"{server.Authority}/{Repository}:1", server);

        Assert.Contains($"says its digest is sha256:{new string('e', 64)} (Docker-Content-Digest) but its bytes hash to {image.ManifestDigest}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_PinnedDigest_ThatTheServedManifestDoesNotHashTo_Fails()
    {
        var image = TestImages.Sample().Build();
        var pinned = "sha256:" + new string('a', 64);
        var registry = new LayoutRegistry(Layout(image), Repository).Tag(pinned, image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var error = await ReadFailsAsync($"{server.Authority}/{Repository}@{pinned}", server);

        Assert.Contains($"hashes to {image.ManifestDigest}, not to the digest the reference pins", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ManifestLargerThanTheLimit_FailsBeforeReadingIt()
    {
        var image = TestImages.Sample().Build();
        var registry = new LayoutRegistry(Layout(image), Repository).Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);
        var options = new ImageReaderOptions { Limits = new ReaderLimits { MaxMetadataBytes = 64 } };

        var error = await ReadFailsAsync($"{server.Authority}/{Repository}:1", server, options);

        Assert.Contains($"manifest 1 is {image.ManifestJson.Length} bytes, larger than 64 bytes (limit MaxMetadataBytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_MissingTagRepositoryOrBlob_SaysWhichInTheRegistrysWords()
    {
        var image = TestImages.Sample().Build();
        var layout = Layout(image);
        File.Delete(Path.Combine(layout, "blobs", "sha256", image.Layers[1].Digest[7..]));
        var registry = new LayoutRegistry(layout, Repository).Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var tag = await ReadFailsAsync($"{server.Authority}/{Repository}:nope", server);
        var repository = await ReadFailsAsync($"{server.Authority}/other/app:1", server);
        var blob = await ReadFailsAsync($"{server.Authority}/{Repository}:1", server);

        Assert.Equal(
            $"registry:{server.Authority}/{Repository}:nope: tag 'nope' not found in {server.Authority}/{Repository} (404 Not Found): MANIFEST_UNKNOWN: manifest unknown: nope",
            tag.Message);
        Assert.Contains($"repository {server.Authority}/other/app does not exist (404 Not Found): NAME_UNKNOWN: repository name not known to registry", repository.Message, StringComparison.Ordinal);
        Assert.Contains($"blob {image.Layers[1].Digest} not found in {server.Authority}/{Repository} (404 Not Found): BLOB_UNKNOWN", blob.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_BasicAuth_SendsTheCredentials_AndRedirectedBlobsGoWithoutThem()
    {
        var image = TestImages.Sample().Build();
        var layout = Layout(image);
        var storageRegistry = new LayoutRegistry(layout, Repository);
        var storage = Serve(storageRegistry.ServeStorageAsync);
        var registry = new LayoutRegistry(layout, Repository) { Basic = ("alice", "s3cret"), BlobRedirect = storage.BaseUri }.Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);
        var options = Options(server) with { Credentials = RegistryCredentials.Basic("alice", "s3cret") };

        var snapshot = await new RegistryImageSource($"{server.Authority}/{Repository}:1", options, Reader()).ReadAsync(TestImages.Selection, CancellationToken.None);

        Assert.Equal(image.ConfigDigest, snapshot.Image.ConfigDigest);
        Assert.All(server.Requests.Where(r => r.PathAndQuery != "/v2/"), r => Assert.StartsWith("Basic ", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(image.Layers.Count + 1, storage.Requests.Count);
        Assert.All(storage.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Pull_BasicAuth_Refused_ShowsTheRegistrysMessageAndWhereTheCredentialsCameFrom_NeverThePassword()
    {
        var image = TestImages.Sample().Build();
        var registry = new LayoutRegistry(Layout(image), Repository) { Basic = ("alice", "right") }.Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var wrong = await Assert.ThrowsAsync<ImageReadException>(() =>
            new RegistryImageSource($"{server.Authority}/{Repository}:1", Options(server) with { Credentials = RegistryCredentials.Basic("alice", "hunter2") }, Reader())
                .ReadAsync(TestImages.Selection, CancellationToken.None));
        var none = await ReadFailsAsync($"{server.Authority}/{Repository}:1", server);

        Assert.Equal(
            $"registry:{server.Authority}/{Repository}:1: manifest 1: {server.Authority} refused access to {Repository} (401 Unauthorized): " +
            "UNAUTHORIZED: authentication required. The credentials from the registry settings (user alice with a password) were used.",
            wrong.Message);
        Assert.DoesNotContain("hunter2", wrong.Message, StringComparison.Ordinal);
        Assert.Contains($"No credentials were found for {server.Authority}", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_BearerToken_FromTheRealmWithServiceAndScope_WithCredentialsOrAnonymously()
    {
        var image = TestImages.Sample().Build();
        var layout = Layout(image);
        var tokens = Serve(async context =>
        {
            var authorization = context.Request.Headers["Authorization"];
            if (authorization is not null && authorization != "Basic " + Convert.ToBase64String("bob:pw"u8))
            {
                await LoopbackServer.WriteAsync(context.Response, 401, """{"details":"incorrect username or password"}""");
                return;
            }

            await LoopbackServer.WriteAsync(context.Response, 200, """{"access_token":"issued-token","expires_in":300}""");
        });
        var registry = new LayoutRegistry(layout, Repository) { Bearer = (new Uri(tokens.BaseUri, "token"), "test-registry", "issued-token") }.Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        var anonymous = await Source($"{server.Authority}/{Repository}:1", server, tokenServer: tokens).ReadAsync(TestImages.Selection, CancellationToken.None);
        var authenticated = await new RegistryImageSource(
            $"{server.Authority}/{Repository}:1", Options(server, tokens) with { Credentials = RegistryCredentials.Basic("bob", "pw") }, Reader())
            .ReadAsync(TestImages.Selection, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ImageReadException>(() => new RegistryImageSource(
            $"{server.Authority}/{Repository}:1", Options(server, tokens) with { Credentials = RegistryCredentials.Basic("bob", "wrong-pw") }, Reader())
            .ReadAsync(TestImages.Selection, CancellationToken.None));

        Assert.Equal(image.ConfigDigest, anonymous.Image.ConfigDigest);
        Assert.Equal(image.ConfigDigest, authenticated.Image.ConfigDigest);
        var asked = tokens.Requests.Select(r => (r.PathAndQuery, r.Authorization is null)).ToList();
        Assert.Equal(
            [
                ("/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull", true),
                ("/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull", false),
                ("/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull", false),
            ],
            asked);
        Assert.Contains(
            $"the token server {tokens.Authority} refused a token for the credentials from the registry settings for repository:team/app:pull: 401 Unauthorized: incorrect username or password",
            refused.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", refused.Message, StringComparison.Ordinal);
        Assert.All(server.Requests.Where(r => r.PathAndQuery != "/v2/"), r => Assert.Equal("Bearer issued-token", r.Authorization));
    }

    [Fact]
    public async Task Pull_IdentityToken_IsExchangedWithARefreshTokenPost()
    {
        var image = TestImages.Sample().Build();
        var tokens = Serve(context => LoopbackServer.WriteAsync(context.Response, 200, """{"token":"from-refresh"}"""));
        var registry = new LayoutRegistry(Layout(image), Repository) { Bearer = (new Uri(tokens.BaseUri, "oauth2/token"), "svc", "from-refresh") }.Tag("1", image.ManifestDigest);
        var server = Serve(registry.HandleAsync);

        await new RegistryImageSource($"{server.Authority}/{Repository}:1", Options(server, tokens) with { Credentials = RegistryCredentials.Identity("refresh-123") }, Reader())
            .ReadAsync(TestImages.Selection, CancellationToken.None);

        var post = Assert.Single(tokens.Requests);
        Assert.Equal("POST", post.Method);
        Assert.Equal("/oauth2/token", post.PathAndQuery);
        Assert.Equal("service=svc&scope=repository%3Ateam%2Fapp%3Apull&grant_type=refresh_token&refresh_token=refresh-123&client_id=rampart", post.Body);
    }

    [Fact]
    public async Task Pull_UnknownHostAndRefusedConnection_SayWhatIsWrong_WithoutRetrying()
    {
        var refused = await Assert.ThrowsAsync<ImageReadException>(() => new RegistryImageSource(
            $"127.0.0.1:{LoopbackServer.FreePort()}/app:1", new RegistryOptions { RetryDelay = TimeSpan.FromSeconds(10) }, Reader())
            .ReadAsync(TestImages.Selection, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<ImageReadException>(() => new RegistryImageSource(
            "no-such-registry.invalid/app:1", new RegistryOptions { RetryDelay = TimeSpan.FromSeconds(10) }, Reader())
            .ReadAsync(TestImages.Selection, CancellationToken.None));

        Assert.Contains("refused the connection; is a registry listening on https://127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("registry:no-such-registry.invalid/app:1: ", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("cannot resolve host 'no-such-registry.invalid'", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_progress.All, l => l.Contains("retry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_PlainHttpRegistry_NotListedAsInsecure_FailsOnTls()
    {
        var image = TestImages.Sample().Build();
        var server = Serve(new LayoutRegistry(Layout(image), Repository).Tag("1", image.ManifestDigest).HandleAsync);

        var error = await Assert.ThrowsAsync<ImageReadException>(() =>
            new RegistryImageSource($"{server.Authority}/{Repository}:1", new RegistryOptions(), Reader()).ReadAsync(TestImages.Selection, CancellationToken.None));

        Assert.Contains($"TLS with {server.Authority} failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("name it an insecure registry only if", error.Message, StringComparison.Ordinal);
    }

    internal static string Describe(ImageSnapshot snapshot)
    {
        var files = snapshot.Files;
        return string.Join('\n', files.Entries.Select(e =>
            $"{e.Path} {e.Kind} {(int)e.Mode} {e.Uid}:{e.Gid} {e.Size} {e.LinkTarget} L{e.Layer} {(files.ReadContent(e) is { } c ? Convert.ToHexString(c.Span) : "-")}"));
    }

    private (TestImage Amd64, TestImage Arm64, string Layout) MultiPlatform()
    {
        var amd64 = new TestImageBuilder().Platform(Platform.LinuxAmd64).Layer(l => l.File("/marker", "amd64")).Build();
        var arm64 = new TestImageBuilder().Platform(Arm64).Layer(l => l.File("/marker", "arm64")).Build();
        var layout = _temp.Combine("multi");
        new TestImageIndex().AddAttestation(amd64).Add(amd64).Add(arm64).WriteOciLayout(layout);
        return (amd64, arm64, layout);
    }

    private string Layout(TestImage image)
    {
        var layout = _temp.Combine(Guid.NewGuid().ToString("N"));
        image.WriteOciLayout(layout);
        return layout;
    }

    private LoopbackServer Serve(Func<HttpListenerContext, Task> handler)
    {
        var server = LoopbackServer.Start(handler);
        _servers.Add(server);
        return server;
    }

    private ImageReaderOptions Reader() => new() { Progress = _progress };

    // Plain HTTP on loopback is allowed by naming it, and no user's Docker config leaks into the test.
    private RegistryOptions Options(LoopbackServer server, LoopbackServer? tokenServer = null) => new()
    {
        InsecureRegistries = tokenServer is null ? [server.Authority] : [server.Authority, tokenServer.Authority],
        RetryDelay = TimeSpan.FromMilliseconds(10),
        Environment = name => name == "HOME" ? _temp.Path : null,
    };

    private RegistryImageSource Source(string reference, LoopbackServer server, ImageReaderOptions? reader = null, LoopbackServer? tokenServer = null) =>
        new(reference, Options(server, tokenServer), reader ?? Reader());

    private Task<ImageReadException> ReadFailsAsync(string reference, LoopbackServer server, ImageReaderOptions? reader = null) =>
        Assert.ThrowsAsync<ImageReadException>(() => Source(reference, server, reader).ReadAsync(TestImages.Selection, CancellationToken.None));

    /// <summary>Progress lines, kept in order whatever thread reports them.</summary>
    internal sealed class Lines : IProgress<string>
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> All => [.. _lines];

        public void Report(string value) => _lines.Enqueue(value);
    }
}
