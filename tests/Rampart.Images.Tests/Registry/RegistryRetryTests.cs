using Rampart.Core.Images;
using Rampart.Images.Registry;
using Rampart.Testing;

namespace Rampart.Images.Tests.Registry;

/// <summary>Retries against a real HTTP server that answers 429 and 5xx before it answers properly.</summary>
public sealed class RegistryRetryTests : IDisposable
{
    private const string Repository = "team/app";
    private readonly TempDirectory _temp = new();
    private readonly RegistryImageSourceTests.Lines _progress = new();
    private readonly TestImage _image = TestImages.Sample().Build();
    private readonly LayoutRegistry _registry;

    public RegistryRetryTests()
    {
        _image.WriteOciLayout(_temp.Path);
        _registry = new LayoutRegistry(_temp.Path, Repository).Tag("1", _image.ManifestDigest);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_IsRetriedAfterTheDelayTheRegistryAsks()
    {
        var refusals = 2;
        using var server = LoopbackServer.Start(async context =>
        {
            if (context.Request.Url!.AbsolutePath.EndsWith("/manifests/1", StringComparison.Ordinal) && Interlocked.Decrement(ref refusals) >= 0)
            {
                context.Response.AddHeader("Retry-After", "1");
                await LoopbackServer.WriteAsync(context.Response, 429, LayoutRegistry.Errors("TOOMANYREQUESTS", "slow down"));
                return;
            }

            await _registry.HandleAsync(context);
        });

        var snapshot = await Read(server, maxRetries: 4);

        Assert.Equal(_image.ConfigDigest, snapshot.Image.ConfigDigest);
        Assert.Equal(3, server.Requests.Count(r => r.PathAndQuery.EndsWith("/manifests/1", StringComparison.Ordinal)));
        var retries = _progress.All.Where(l => l.Contains("retry", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.EndsWith($"manifest 1 from {server.Authority}: HTTP 429 Too Many Requests with Retry-After; retry 1 of 4 in 1 s", retries[0], StringComparison.Ordinal);
        Assert.EndsWith("retry 2 of 4 in 1 s", retries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfter_LongerThanTheLongestDelay_IsCutToIt()
    {
        var refusals = 1;
        using var server = LoopbackServer.Start(async context =>
        {
            if (context.Request.Url!.AbsolutePath == "/v2/" && Interlocked.Decrement(ref refusals) >= 0)
            {
                context.Response.AddHeader("Retry-After", "3600");
                await LoopbackServer.WriteAsync(context.Response, 503);
                return;
            }

            await _registry.HandleAsync(context);
        });

        await Read(server, maxRetries: 1, maxDelay: TimeSpan.FromMilliseconds(200));

        Assert.Contains(_progress.All, l => l.EndsWith("HTTP 503 Service Unavailable with Retry-After; retry 1 of 1 in 0.2 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerErrors_AreRetriedABoundedNumberOfTimes_ThenReportedWithTheRegistrysMessage()
    {
        using var server = LoopbackServer.Start(async context =>
        {
            if (context.Request.Url!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal))
            {
                await LoopbackServer.WriteAsync(context.Response, 502, LayoutRegistry.Errors("UNAVAILABLE", "backend storage is down"));
                return;
            }

            await _registry.HandleAsync(context);
        });

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(server, maxRetries: 2));

        Assert.Contains($"blob {_image.ConfigDigest}: {server.Authority} answered 502 Bad Gateway after 2 retries: UNAVAILABLE: backend storage is down", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count(r => r.PathAndQuery.EndsWith(_image.ConfigDigest, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ClientErrors_AreNotRetried()
    {
        using var server = LoopbackServer.Start(_registry.HandleAsync);

        await Assert.ThrowsAsync<ImageReadException>(() => Read(server, maxRetries: 4, reference: "missing"));

        Assert.Single(server.Requests, r => r.PathAndQuery.EndsWith("/manifests/missing", StringComparison.Ordinal));
        Assert.DoesNotContain(_progress.All, l => l.Contains("retry", StringComparison.Ordinal));
    }

    private Task<ImageSnapshot> Read(LoopbackServer server, int maxRetries, TimeSpan? maxDelay = null, string reference = "1")
    {
        var options = new RegistryOptions
        {
            InsecureRegistries = [server.Authority],
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = maxDelay ?? TimeSpan.FromSeconds(30),
            Environment = name => name == "HOME" ? _temp.Path : null,
        };
        return new RegistryImageSource($"{server.Authority}/{Repository}:{reference}", options, new ImageReaderOptions { Progress = _progress, MaxParallelLayers = 1 })
            .ReadAsync(TestImages.Selection, CancellationToken.None);
    }
}
