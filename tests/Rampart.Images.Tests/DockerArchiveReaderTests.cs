using System.Formats.Tar;
using System.IO.Compression;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Archives;
using Rampart.Testing;

namespace Rampart.Images.Tests;

public sealed class DockerArchiveReaderTests
{
    [Theory]
    [InlineData(DockerArchiveLayout.Legacy, TestCompression.None)]
    [InlineData(DockerArchiveLayout.Legacy, TestCompression.Gzip)]
    [InlineData(DockerArchiveLayout.Oci, TestCompression.Gzip)]
    [InlineData(DockerArchiveLayout.Oci, TestCompression.Zstd)]
    [InlineData(DockerArchiveLayout.Oci, TestCompression.None)]
    public async Task ReadAsync_NonSeekableStream_ReadsEveryLayerInManifestOrder(DockerArchiveLayout layout, TestCompression compression)
    {
        var image = TestImages.Sample(compression).Build();

        var snapshot = await TestImages.ReadDockerArchiveAsync(image.ToDockerArchive(layout));

        Assert.Equal(3, snapshot.Layers.Count);
        Assert.Equal([0, 1, 2], snapshot.Layers.Select(l => l.Index));
        Assert.Equal(image.Layers.Select(l => l.DiffId), snapshot.Image.Layers.Select(l => l.DiffId));
        Assert.Equal(image.ConfigDigest, snapshot.Image.ConfigDigest);
        Assert.Equal(["sample:1.0"], snapshot.Image.RepoTags);
        var su = snapshot.Files.Find("/usr/bin/su");
        Assert.NotNull(su);
        Assert.Equal(1, su.Layer);
        Assert.True(su.IsSetuid);
        Assert.Equal("ID=debian\nVERSION_ID=12\n", Text(snapshot, "/etc/os-release"));
    }

    [Fact]
    public async Task ReadAsync_SeekableFile_ReadsLayersInPlace()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("image.tar");
        await File.WriteAllBytesAsync(path, TestImages.Sample().Build().ToDockerArchive(DockerArchiveLayout.Oci));
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read);

        var snapshot = await DockerArchiveReader.ReadAsync(file, "docker-archive:" + path, TestImages.Selection, new ImageReaderOptions { MaxParallelLayers = 3 }, CancellationToken.None);

        Assert.Equal(3, snapshot.Layers.Count);
        Assert.Equal("root:x:0:0:root:/root:/bin/sh\n", Text(snapshot, "/etc/passwd"));
    }

    [Fact]
    public async Task ReadAsync_GzipCompressedArchive_IsAccepted()
    {
        var archive = TestImages.Sample().Build().ToDockerArchive();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(archive);
        }

        var snapshot = await TestImages.ReadDockerArchiveAsync(compressed.ToArray());

        Assert.Equal(3, snapshot.Layers.Count);
    }

    [Fact]
    public async Task ReadAsync_GzipArchiveInflatingPastTheRatio_FailsAsADecompressionBomb()
    {
        var archive = new TestImageBuilder().Layer(l => l.ZeroFile("/zeros", 8 * 1024 * 1024), TestCompression.None).Build().ToDockerArchive();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(archive);
        }

        var limits = new ReaderLimits { MaxExpansionRatio = 100, ExpansionCheckAfterBytes = 1024 * 1024 };
        var error = await Assert.ThrowsAsync<ImageReadException>(() =>
            TestImages.ReadDockerArchiveAsync(compressed.ToArray(), options: new ImageReaderOptions { Limits = limits }));

        Assert.Contains("the archive inflates", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxExpansionRatio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_IdenticalLayersLinkedInLegacyArchive_ReadsBothPositions()
    {
        var image = new TestImageBuilder()
            .Layer(l => l.File("/a", "same"), TestCompression.None)
            .Layer(l => l.File("/b", "other"), TestCompression.None)
            .Layer(l => l.File("/a", "same"), TestCompression.None)
            .Build();

        var snapshot = await TestImages.ReadDockerArchiveAsync(image.ToDockerArchive());

        Assert.Equal(2, snapshot.Files.Find("/a")!.Layer);
        Assert.Equal(0, snapshot.Layers[0].Entries["/a"].Layer);
    }

    [Fact]
    public async Task ReadAsync_ConfigDiffIdDiffers_FailsNamingTheLayer()
    {
        var image = TestImages.Sample().OverrideDiffId(1, "sha256:" + new string('0', 64)).Build();

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(image.ToDockerArchive()));

        Assert.StartsWith("docker-archive:test.tar: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("diffID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BlobAlteredInDocker25Archive_FailsOnItsDigest()
    {
        var image = TestImages.Sample(TestCompression.None).Build();
        var archive = image.ToDockerArchive(DockerArchiveLayout.Oci);
        var layer = image.Layers[2].Blob;
        var at = archive.AsSpan().IndexOf(layer);
        archive[at + 600] ^= 0x20;

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive));

        Assert.Contains("truncated or altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LayerMissing_FailsNamingIt()
    {
        var image = TestImages.Sample().Build();
        using var archive = new MemoryStream();
        var missing = $"blobs/sha256/{image.Layers[1].Digest[7..]}";
        image.WriteDockerArchive(archive, DockerArchiveLayout.Oci, name => name != missing);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive.ToArray()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NoManifest_SaysItIsNotADockerArchive()
    {
        using var archive = new MemoryStream();
        TestImages.Sample().Build().WriteDockerArchive(archive, DockerArchiveLayout.Legacy, name => name != "manifest.json");

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive.ToArray()));

        Assert.Contains("no manifest.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TruncatedArchive_FailsWithImageReadException()
    {
        var archive = TestImages.Sample().Build().ToDockerArchive(DockerArchiveLayout.Oci);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive[..(archive.Length / 2)]));

        Assert.StartsWith("docker-archive:test.tar: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SeekableTruncatedFile_FailsWithImageReadException()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("image.tar");
        var archive = TestImages.Sample().Build().ToDockerArchive();
        await File.WriteAllBytesAsync(path, archive[..(archive.Length - 3000)]);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read);

        await Assert.ThrowsAsync<ImageReadException>(() =>
            DockerArchiveReader.ReadAsync(file, "docker-archive:" + path, TestImages.Selection, ImageReaderOptions.Default, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_History_MapsEmptyLayersToNoLayer()
    {
        var snapshot = await TestImages.ReadDockerArchiveAsync(TestImages.Sample().Build().ToDockerArchive());

        Assert.Equal([0, null, 1, 2], snapshot.Image.History.Select(h => h.Layer));
        Assert.True(snapshot.Image.History[1].EmptyLayer);
        Assert.Equal("ENV A=1", snapshot.Image.History[1].CreatedBy);
    }

    [Fact]
    public async Task ReadAsync_HostileOuterEntryName_IsRejected()
    {
        using var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "../../manifest.json") { DataStream = new MemoryStream("[]"u8.ToArray()) });
        }

        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive.ToArray()));

        Assert.Contains("'../../manifest.json' climbs above the archive root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyLayer_IsReadAsALayerWithoutEntries()
    {
        var image = new TestImageBuilder().Layer(l => l.File("/a", "a"), TestCompression.None).Layer(_ => { }, TestCompression.None).Build();

        var snapshot = await TestImages.ReadDockerArchiveAsync(image.ToDockerArchive());

        Assert.Empty(snapshot.Layers[1].Entries);
    }

    [Fact]
    public async Task ReadAsync_SymlinkLoopInImage_ResolvesToNothing()
    {
        var image = new TestImageBuilder().Layer(l => l.Symlink("/a", "b").Symlink("/b", "a")).Build();

        var snapshot = await TestImages.ReadDockerArchiveAsync(image.ToDockerArchive());

        Assert.NotNull(snapshot.Files.Find("/a"));
        Assert.Null(snapshot.Files.Resolve("/a"));
    }

    [Fact]
    public async Task ReadAsync_SeveralImages_PicksTheOneTheReferenceNames()
    {
        var first = new TestImageBuilder().Layer(l => l.File("/id", "first")).Tag("app:1").Build();
        var second = new TestImageBuilder().Layer(l => l.File("/id", "second")).Tag("app:2").Build();
        var archive = MergeArchives(first.ToDockerArchive(), second.ToDockerArchive());

        var snapshot = await DockerArchiveReader.ReadAsync(
            new NonSeekableStream(new MemoryStream(archive)), "docker:app:2", new FileSelection(["/id"]), ImageReaderOptions.Default, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ImageReadException>(() => TestImages.ReadDockerArchiveAsync(archive));

        Assert.Equal("second", Text(snapshot, "/id"));
        Assert.Contains("tags: app:1, app:2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One archive with the entries of both and a manifest.json listing both images.</summary>
    private static byte[] MergeArchives(byte[] first, byte[] second)
    {
        using var output = new MemoryStream();
        var manifests = new System.Text.Json.Nodes.JsonArray();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            foreach (var archive in new[] { first, second })
            {
                using var reader = new TarReader(new MemoryStream(archive));
                while (reader.GetNextEntry(copyData: true) is { } entry)
                {
                    if (entry.Name == "manifest.json")
                    {
                        manifests.Add(System.Text.Json.Nodes.JsonNode.Parse(entry.DataStream!)!.AsArray()[0]!.DeepClone());
                    }
                    else if (entry.Name != "repositories")
                    {
                        writer.WriteEntry(entry);
                    }
                }
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifests.ToJsonString())) });
        }

        return output.ToArray();
    }

    private static string? Text(ImageSnapshot snapshot, string path)
    {
        var entry = snapshot.Files.Resolve(path);
        return entry is null || snapshot.Files.ReadContent(entry) is not { } bytes ? null : System.Text.Encoding.UTF8.GetString(bytes.Span);
    }
}
