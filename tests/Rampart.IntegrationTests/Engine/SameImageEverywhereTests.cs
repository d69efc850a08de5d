using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.Images.Sources;
using Rampart.IntegrationTests.Fixtures;

namespace Rampart.IntegrationTests.Engine;

/// <summary>
/// The acceptance test of the readers: one real image read from a <c>docker save</c> archive, OCI layouts with gzip
/// and with zstd layers (made by skopeo), the engine, and a fresh engine build of the same Dockerfile gives the same
/// squashed file view: paths, kinds, modes, owners, link targets and layer of origin.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class SameImageEverywhereTests(EngineFixture fixture)
{
    [SkippableFact]
    public async Task Archive_oci_layouts_engine_and_a_rebuild_give_the_same_squashed_view()
    {
        fixture.RequireOciLayouts();
        var options = ImageReaderOptions.Default;
        var selection = FileSelection.HeadersOnly;
        var sources = new IImageSource[]
        {
            new DockerArchiveSource(fixture.AppArchive, $"docker-archive:{fixture.AppArchive}", options),
            new OciDirectorySource(fixture.AppOciGzip, $"oci-dir:{fixture.AppOciGzip}", options),
            new OciDirectorySource(fixture.AppOciZstd, $"oci-dir:{fixture.AppOciZstd}", options),
            new DockerEngineImageSource($"docker:{EngineFixture.AppImage}", fixture.Engine, options),
        };
        var snapshots = new List<ImageSnapshot>();
        foreach (var source in sources)
        {
            snapshots.Add(await source.ReadAsync(selection, CancellationToken.None));
        }

        var build = new DockerBuildImageSource(
            new DockerBuildRequest(Path.Combine(TestEnvironment.FixturesDirectory, "app", "Dockerfile")) { NoCache = true },
            fixture.Engine,
            options);
        var rebuilt = await build.ReadAsync(selection, CancellationToken.None);

        var reference = snapshots[0];
        Assert.Equal(fixture.AppImageId, reference.Image.ConfigDigest);
        Assert.Equal(fixture.AppImageId, snapshots[3].Image.ConfigDigest);
        Assert.True(reference.Files.Entries.Count > 3000, $"a Debian image has thousands of paths, not {reference.Files.Entries.Count}");
        Assert.Equal(4, reference.Layers.Count);
        for (var i = 1; i < snapshots.Count; i++)
        {
            // The same layers (skopeo rewrites the config as an OCI config, so only the archive and the engine share
            // its digest), and every header fact of every path identical, sizes included.
            Assert.Equal(reference.Image.Layers.Select(l => l.DiffId), snapshots[i].Image.Layers.Select(l => l.DiffId));
            AssertSameEntries(sources[0].Reference, reference.Files.Entries, sources[i].Reference, snapshots[i].Files.Entries, e => e);
        }

        // A rebuild writes new bytes (timestamps, logs) but must leave the same tree.
        Assert.NotEqual(reference.Image.ConfigDigest, rebuilt.Image.ConfigDigest);
        AssertSameEntries(
            sources[0].Reference, reference.Files.Entries, build.Reference, rebuilt.Files.Entries,
            e => (e.Path, e.Kind, e.Mode, e.Uid, e.Gid, e.LinkTarget, e.Layer));
    }

    [SkippableFact]
    public async Task The_oci_layouts_really_carry_gzip_and_zstd_layers()
    {
        fixture.RequireOciLayouts();
        using var gzip = await EngineFixture.SkopeoInspectAsync("--raw", $"oci:{fixture.AppOciGzip}:app");
        using var zstd = await EngineFixture.SkopeoInspectAsync("--raw", $"oci:{fixture.AppOciZstd}:app");

        static IEnumerable<string?> MediaTypes(System.Text.Json.JsonDocument manifest) =>
            manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("mediaType").GetString());

        Assert.All(MediaTypes(gzip), t => Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", t));
        Assert.All(MediaTypes(zstd), t => Assert.Equal("application/vnd.oci.image.layer.v1.tar+zstd", t));
        Assert.Equal(4, MediaTypes(zstd).Count());
    }

    private static void AssertSameEntries<T>(
        string expectedName, IReadOnlyList<FileEntry> expected, string actualName, IReadOnlyList<FileEntry> actual, Func<FileEntry, T> facts)
    {
        var left = expected.Select(facts).ToList();
        var right = actual.Select(facts).ToList();
        var missing = left.Except(right).Take(10).ToList();
        var extra = right.Except(left).Take(10).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && left.Count == right.Count,
            $"{actualName} differs from {expectedName} ({right.Count} entries against {left.Count}).{Environment.NewLine}" +
            $"Only in {expectedName}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", missing)}{Environment.NewLine}" +
            $"Only in {actualName}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", extra)}");
    }
}
