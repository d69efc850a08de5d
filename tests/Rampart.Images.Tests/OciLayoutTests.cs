using System.Text;
using Rampart.Core.Images;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.Images.Tests;

public sealed class OciLayoutTests
{
    private static readonly Platform Arm64 = new("linux", "arm64", "v8");

    [Theory]
    [InlineData(TestCompression.Gzip)]
    [InlineData(TestCompression.Zstd)]
    [InlineData(TestCompression.None)]
    public async Task ReadAsync_Directory_ReadsManifestConfigAndLayers(TestCompression compression)
    {
        using var temp = new TempDirectory();
        var image = TestImages.Sample(compression).Build();
        image.WriteOciLayout(temp.Path);

        var snapshot = await new OciDirectorySource(temp.Path, "oci-dir:" + temp.Path, ImageReaderOptions.Default).ReadAsync(TestImages.Selection, CancellationToken.None);

        Assert.Equal(image.ManifestDigest, snapshot.Image.ManifestDigest);
        Assert.Equal(image.ConfigDigest, snapshot.Image.ConfigDigest);
        Assert.Equal(image.Layers.Select(l => l.Digest), snapshot.Image.Layers.Select(l => l.Digest));
        Assert.Equal(image.Layers.Select(l => l.MediaType), snapshot.Image.Layers.Select(l => l.MediaType));
        Assert.Equal("app", snapshot.Image.Config.User);
        Assert.Null(snapshot.Files.Find("/tmp/secret"));
    }

    [Fact]
    public async Task ReadAsync_Archive_ReadsTheLayoutInsideTheTar()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("image.oci.tar");
        await using (var file = File.Create(path))
        {
            TestImages.Sample().Build().WriteOciArchive(file);
        }

        var snapshot = await new OciArchiveSource(path, "oci-archive:" + path, ImageReaderOptions.Default).ReadAsync(TestImages.Selection, CancellationToken.None);

        Assert.Equal(3, snapshot.Layers.Count);
    }

    [Fact]
    public async Task ReadAsync_MultiPlatformIndex_PicksRequestedPlatformAndSkipsAttestations()
    {
        using var temp = new TempDirectory();
        var amd64 = Single("amd64", Platform.LinuxAmd64);
        var arm64 = Single("arm64", Arm64);
        new TestImageIndex().AddAttestation(amd64).Add(amd64).AddAttestation(arm64).Add(arm64).WriteOciLayout(temp.Path);

        var snapshot = await Read(temp.Path, new ImageReaderOptions { Platform = Platform.Parse("linux/arm64") });

        Assert.Equal(arm64.ManifestDigest, snapshot.Image.ManifestDigest);
        Assert.Equal(Arm64, snapshot.Image.Platform);
    }

    [Fact]
    public async Task ReadAsync_NestedIndex_IsWalked()
    {
        using var temp = new TempDirectory();
        var amd64 = Single("amd64", Platform.LinuxAmd64);
        new TestImageIndex().Add(Single("arm64", Arm64)).Add(amd64).Nested().WriteOciLayout(temp.Path);

        var snapshot = await Read(temp.Path, ImageReaderOptions.Default);

        Assert.Equal(amd64.ManifestDigest, snapshot.Image.ManifestDigest);
    }

    [Fact]
    public async Task ReadAsync_NoImageForPlatform_ListsThePlatformsItHas()
    {
        using var temp = new TempDirectory();
        new TestImageIndex().AddAttestation(Single("a", Arm64)).Add(Single("a", Arm64)).Add(Single("b", new Platform("linux", "s390x"))).WriteOciLayout(temp.Path);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Equal($"oci-dir:{temp.Path}: index.json has no image for linux/amd64; it has: linux/arm64/v8, linux/s390x", error.Message);
    }

    [Fact]
    public async Task ReadAsync_PathWithName_PicksByRefName()
    {
        using var temp = new TempDirectory();
        var stable = Single("stable", Platform.LinuxAmd64);
        new TestImageIndex().Add(Single("edge", Platform.LinuxAmd64), "edge").Add(stable, "stable").WriteOciLayout(temp.Path);

        var snapshot = await Read(temp.Path + ":stable", ImageReaderOptions.Default);

        Assert.Equal(stable.ManifestDigest, snapshot.Image.ManifestDigest);
    }

    [Fact]
    public async Task ReadAsync_AlteredLayerBlob_FailsOnDigest()
    {
        using var temp = new TempDirectory();
        var image = TestImages.Sample(TestCompression.None).Build();
        image.WriteOciLayout(temp.Path);
        var blob = Path.Combine(temp.Path, "blobs", "sha256", image.Layers[0].Digest[7..]);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[700] ^= 1;
        await File.WriteAllBytesAsync(blob, bytes);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Contains(image.Layers[0].Digest, error.Message, StringComparison.Ordinal);
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MissingBlob_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        var image = TestImages.Sample().Build();
        image.WriteOciLayout(temp.Path);
        File.Delete(Path.Combine(temp.Path, "blobs", "sha256", image.Layers[1].Digest[7..]));

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Contains($"blob {image.Layers[1].Digest}", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnknownLayerMediaType_WarnsAndReadsIt()
    {
        using var temp = new TempDirectory();
        new TestImageBuilder().Layer(l => l.File("/a", "a").MediaType("application/vnd.example.layer")).Build().WriteOciLayout(temp.Path);
        var warnings = new List<string>();

        var snapshot = await Read(temp.Path, new ImageReaderOptions { Progress = new SyncProgress(warnings) });

        Assert.NotNull(snapshot.Files.Find("/a"));
        Assert.Contains(warnings, w => w.StartsWith("warning:", StringComparison.Ordinal) && w.Contains("application/vnd.example.layer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_UnknownManifestMediaType_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        new TestImageBuilder().Layer(l => l.File("/a", "a")).ManifestMediaType("application/vnd.example.manifest+json").Build().WriteOciLayout(temp.Path);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Contains("application/vnd.example.manifest+json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NotALayout_SaysSo()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Contains("no index.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_IndexNotJson_FailsWithImageReadException()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "index.json"), "{ not json", Encoding.UTF8);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read(temp.Path, ImageReaderOptions.Default));

        Assert.Contains("index.json is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static TestImage Single(string marker, Platform platform) =>
        new TestImageBuilder().Platform(platform).Layer(l => l.File("/marker", marker)).Build();

    private static Task<ImageSnapshot> Read(string path, ImageReaderOptions options) =>
        new OciDirectorySource(path, "oci-dir:" + path, options).ReadAsync(TestImages.Selection, CancellationToken.None);

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
