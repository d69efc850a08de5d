using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Registry;
using Rampart.Images.Sources;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Registry;

/// <summary>
/// <c>registry:</c> against the real distribution registry tests/run.sh starts (anonymous, plain HTTP): images pushed
/// by skopeo, single-platform and a multi-platform index, read back with the same squashed view as their docker-archive.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class RegistrySourceTests(EngineFixture fixture) : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingProgress _progress = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task The_fixture_image_pushed_by_skopeo_reads_as_its_docker_archive_reads()
    {
        var pushed = await fixture.PushAppToRegistryAsync();
        var archive = await new DockerArchiveSource(fixture.AppArchive, $"docker-archive:{fixture.AppArchive}", ImageReaderOptions.Default)
            .ReadAsync(FileSelection.HeadersOnly, CancellationToken.None);

        var source = new RegistryImageSource($"registry:{pushed}", Options(), new ImageReaderOptions { Progress = _progress });
        var snapshot = await source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None);

        using var manifest = await EngineFixture.SkopeoInspectAsync("--tls-verify=false", $"docker://{pushed}");
        Assert.Equal(manifest.RootElement.GetProperty("Digest").GetString(), snapshot.Image.ManifestDigest);
        Assert.Equal(fixture.AppImageId, snapshot.Image.ConfigDigest);
        Assert.Equal(archive.Image.Layers.Select(l => l.DiffId), snapshot.Image.Layers.Select(l => l.DiffId));
        Assert.True(snapshot.Files.Entries.Count > 3000, $"a Debian image has thousands of paths, not {snapshot.Files.Entries.Count}");
        AssertSameEntries(archive, snapshot);
        Assert.Equal([$"{TestEnvironment.Registry}/rampart-test/app:1"], snapshot.Image.RepoTags);
        Assert.Equal(4, _progress.Lines.Count(l => l.Contains(": read layer ", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task A_multi_platform_index_pushed_by_skopeo_gives_each_platform_as_its_docker_archive()
    {
        var registry = RequireRegistry();
        var amd64 = ImageFor(Platform.LinuxAmd64, "amd64");
        var arm64 = ImageFor(new Platform("linux", "arm64", "v8"), "arm64");
        var layout = _temp.Combine("index");
        new TestImageIndex().Add(amd64).Add(arm64).Nested().WriteOciLayout(layout);
        await EngineFixture.SkopeoAsync("copy", "--quiet", "--all", "--dest-tls-verify=false", $"oci:{layout}", $"docker://{registry}/rampart-test/multi:1");

        foreach (var (image, platform) in new[] { (amd64, "linux/amd64"), (arm64, "linux/arm64") })
        {
            var archivePath = _temp.Combine($"{image.Platform.Architecture}.tar");
            await File.WriteAllBytesAsync(archivePath, image.ToDockerArchive());
            var reader = new ImageReaderOptions { Platform = Platform.Parse(platform) };
            var archive = await new DockerArchiveSource(archivePath, "docker-archive:" + archivePath, reader).ReadAsync(Selection, CancellationToken.None);

            var snapshot = await new RegistryImageSource($"registry:{registry}/rampart-test/multi:1", Options(), reader).ReadAsync(Selection, CancellationToken.None);

            Assert.Equal(image.ManifestDigest, snapshot.Image.ManifestDigest);
            Assert.Equal(image.Platform, snapshot.Image.Platform);
            AssertSameEntries(archive, snapshot);
            Assert.Equal(image.Platform.Architecture, Text(snapshot, "/etc/arch"));
        }

        var missing = await Assert.ThrowsAsync<ImageReadException>(() => new RegistryImageSource(
            $"registry:{registry}/rampart-test/multi:1", Options(), new ImageReaderOptions { Platform = Platform.Parse("linux/s390x") })
            .ReadAsync(Selection, CancellationToken.None));
        Assert.Contains("has no image for linux/s390x; it has: linux/amd64, linux/arm64/v8", missing.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_missing_tag_and_a_missing_repository_are_reported_in_the_registrys_words()
    {
        var registry = RequireRegistry();
        var archive = _temp.Combine("small.tar");
        await File.WriteAllBytesAsync(archive, ImageFor(Platform.LinuxAmd64, "small").ToDockerArchive());
        await EngineFixture.SkopeoAsync("copy", "--quiet", "--dest-tls-verify=false", $"docker-archive:{archive}", $"docker://{registry}/rampart-test/small:1");

        var tag = await Assert.ThrowsAsync<ImageReadException>(() =>
            new RegistryImageSource($"registry:{registry}/rampart-test/small:no-such-tag", Options(), ImageReaderOptions.Default).ReadAsync(Selection, CancellationToken.None));
        var repository = await Assert.ThrowsAsync<ImageReadException>(() =>
            new RegistryImageSource($"registry:{registry}/rampart-test/none:1", Options(), ImageReaderOptions.Default).ReadAsync(Selection, CancellationToken.None));

        Assert.StartsWith(
            $"registry:{registry}/rampart-test/small:no-such-tag: tag 'no-such-tag' not found in {registry}/rampart-test/small (404 Not Found): MANIFEST_UNKNOWN: ",
            tag.Message,
            StringComparison.Ordinal);
        // distribution 2.8 answers MANIFEST_UNKNOWN, not NAME_UNKNOWN, for a repository it never had.
        Assert.Equal(
            $"registry:{registry}/rampart-test/none:1: tag '1' not found in {registry}/rampart-test/none (404 Not Found): MANIFEST_UNKNOWN: manifest unknown",
            repository.Message);
    }

    internal static FileSelection Selection { get; } = new(["/etc/*"]);

    // The builder writes created times with "O" and System.Text.Json escapes '+' as \u002B, which Go's time
    // parser (skopeo, the registry) does not unescape; a negative offset has no '+'.
    internal static DateTimeOffset GoReadableCreated { get; } = new(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-1));

    internal static void AssertSameEntries(ImageSnapshot expected, ImageSnapshot actual)
    {
        static string Describe(FileEntry e) => $"{e.Path} {e.Kind} {(int)e.Mode} {e.Uid}:{e.Gid} {e.Size} {e.LinkTarget} L{e.Layer}";
        var left = expected.Files.Entries.Select(Describe).ToList();
        var right = actual.Files.Entries.Select(Describe).ToList();
        Assert.True(
            left.SequenceEqual(right),
            $"the registry's view differs from the archive's ({right.Count} entries against {left.Count}); only in the archive: " +
            $"{string.Join(", ", left.Except(right).Take(10))}; only from the registry: {string.Join(", ", right.Except(left).Take(10))}");
    }

    internal static string Text(ImageSnapshot snapshot, string path) =>
        Encoding.UTF8.GetString(snapshot.Files.ReadContent(snapshot.Files.Find(path) ?? throw new InvalidOperationException($"{path} is missing"))!.Value.Span).Trim();

    private static string RequireRegistry()
    {
        TestEnvironment.Require(TestEnvironment.Registry is null ? "No registry: RAMPART_TEST_REGISTRY is not set" : null);
        PrivateRegistry.RequireTools();
        return TestEnvironment.Registry!;
    }

    private static TestImage ImageFor(Platform platform, string marker) => new TestImageBuilder()
        .Created(GoReadableCreated)
        .Platform(platform)
        .Layer(l => l.Directory("/etc/").File("/etc/arch", marker + "\n").File("/etc/os-release", "ID=test\n"))
        .Layer(l => l.File("/etc/motd", "hello " + marker).Symlink("/etc/link", "arch"))
        .Build();

    private static RegistryOptions Options() => new() { InsecureRegistries = [TestEnvironment.Registry!] };
}
