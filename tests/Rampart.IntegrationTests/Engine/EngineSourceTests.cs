using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;

namespace Rampart.IntegrationTests.Engine;

[Collection(EngineFixtureDefinition.Name)]
public sealed class EngineSourceTests(EngineFixture fixture)
{
    private static readonly FileSelection Selection = new(["/usr/lib/os-release", "/opt/app/app.conf", "/etc/passwd"]);

    [SkippableFact]
    public async Task The_engine_source_reads_the_fixture_image_its_config_and_its_layers()
    {
        fixture.Require();
        var progress = new RecordingProgress();
        var source = new DockerEngineImageSource($"docker:{EngineFixture.AppImage}", fixture.Engine, new ImageReaderOptions { Progress = progress });

        var snapshot = await source.ReadAsync(Selection, CancellationToken.None);

        Assert.Equal($"docker:{EngineFixture.AppImage}", source.Reference);
        Assert.Equal(fixture.AppImageId, snapshot.Image.ConfigDigest);
        Assert.Contains(EngineFixture.AppImage, snapshot.Image.RepoTags);
        Assert.Equal(new Platform("linux", "amd64"), snapshot.Image.Platform with { Variant = null });
        Assert.Equal(4, snapshot.Image.Layers.Count);
        Assert.Equal(4, snapshot.Layers.Count);

        var config = snapshot.Image.Config;
        Assert.Equal("app", config.User);
        Assert.Equal("/opt/app", config.WorkingDir);
        Assert.Contains("APP_MODE=fixture", config.Env);
        Assert.Equal(["/bin/sh"], config.Cmd);
        Assert.NotNull(config.Healthcheck);
        Assert.Equal(["CMD", "/bin/true"], config.Healthcheck.Test);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Healthcheck.Interval);

        Assert.Contains(progress.Lines, line => line.Contains(EngineFixture.AppImage, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_squashed_view_matches_what_a_container_of_the_image_sees()
    {
        fixture.Require();
        var snapshot = await new DockerEngineImageSource(EngineFixture.AppImage, fixture.Engine, ImageReaderOptions.Default)
            .ReadAsync(Selection, CancellationToken.None);
        string[] paths = ["/usr/local/bin/suid-true", "/home/app", "/srv/shared", "/opt/app/app.conf", "/etc/app.conf", "/usr/bin/passwd", "/etc/shadow", "/tmp"];

        var truth = await fixture.StatInContainerAsync(EngineFixture.AppImage, paths);

        foreach (var path in paths)
        {
            var entry = snapshot.Files.Find(path);
            Assert.True(entry is not null, $"{path} is missing from the squashed view");
            var stat = truth[path];
            Assert.Equal((path, stat.Mode, stat.Uid, stat.Gid), (path, entry.Mode, entry.Uid, entry.Gid));
            Assert.Equal((path, stat.IsDirectory, stat.IsSymlink, stat.IsRegular), (path, entry.Kind == FileKind.Directory, entry.Kind == FileKind.Symlink, entry.IsRegular));
            if (stat.IsRegular)
            {
                Assert.Equal((path, stat.Size), (path, entry.Size));
            }
        }
    }

    [SkippableFact]
    public async Task Each_file_keeps_the_layer_that_wrote_it_and_deleted_files_stay_in_their_layer()
    {
        fixture.Require();
        var snapshot = await new DockerEngineImageSource(EngineFixture.AppImage, fixture.Engine, ImageReaderOptions.Default)
            .ReadAsync(Selection, CancellationToken.None);
        var files = snapshot.Files;

        var suid = files.Find("/usr/local/bin/suid-true");
        Assert.NotNull(suid);
        Assert.True(suid.IsSetuid);
        Assert.Equal(1, suid.Layer);

        var shared = files.Find("/srv/shared");
        Assert.NotNull(shared);
        Assert.True(shared.IsSetgid);
        Assert.Equal((1001, 1001), (shared.Uid, shared.Gid));

        var conf = files.Find("/opt/app/app.conf");
        Assert.NotNull(conf);
        Assert.Equal((2, 1001, 1001), (conf.Layer, conf.Uid, conf.Gid));
        var expected = await File.ReadAllBytesAsync(Path.Combine(TestEnvironment.FixturesDirectory, "app", "app.conf"));
        Assert.Equal(expected, files.ReadContent(conf)?.ToArray());

        var link = files.Find("/etc/app.conf");
        Assert.NotNull(link);
        Assert.Equal((FileKind.Symlink, "/opt/app/app.conf", 3), (link.Kind, link.LinkTarget, link.Layer));
        Assert.Equal(conf, files.Resolve("/etc/app.conf"));

        // The token a later layer deleted: gone from the view, still in the layer that wrote it, whited out above.
        Assert.Null(files.Find("/opt/app/cache/token"));
        Assert.Null(files.Find("/opt/app/cache"));
        Assert.Contains("/opt/app/cache/token", snapshot.Layers[1].Entries.Keys);
        Assert.Contains("/opt/app/cache", snapshot.Layers[3].Whiteouts);

        var osRelease = files.Resolve("/etc/os-release");
        Assert.NotNull(osRelease);
        Assert.Contains("VERSION_CODENAME=bookworm", Encoding.UTF8.GetString(files.ReadContent(osRelease)!.Value.Span), StringComparison.Ordinal);
        Assert.Contains("app:x:1001:1001", Encoding.UTF8.GetString(files.ReadContent(files.Find("/etc/passwd")!)!.Value.Span), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_image_id_reads_the_same_image_untagged()
    {
        fixture.Require();
        var snapshot = await new DockerEngineImageSource($"docker:{fixture.AppImageId}", fixture.Engine, ImageReaderOptions.Default)
            .ReadAsync(FileSelection.HeadersOnly, CancellationToken.None);

        Assert.Equal(fixture.AppImageId, snapshot.Image.ConfigDigest);
        Assert.NotNull(snapshot.Files.Find("/usr/local/bin/suid-true"));
    }

    [SkippableFact]
    public async Task A_missing_image_that_cannot_be_pulled_is_named_in_the_error()
    {
        fixture.Require();
        // Nothing listens on port 1, or the loopback registry lacks the name: either way the pull fails fast.
        var name = TestEnvironment.Registry is { } registry ? $"{registry}/rampart-test/missing:1" : "127.0.0.1:1/rampart-test/missing:1";
        var progress = new RecordingProgress();
        var source = new DockerEngineImageSource($"docker:{name}", fixture.Engine, new ImageReaderOptions { Progress = progress });

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.Contains($"docker:{name}", error.Message, StringComparison.Ordinal);
        Assert.Contains("pulling it failed", error.Message, StringComparison.Ordinal);
        Assert.Contains(progress.Lines, line => line.Contains("pulling", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Without_pulling_a_missing_image_names_the_image_and_the_engine()
    {
        fixture.Require();
        var source = new DockerEngineImageSource("docker:rampart-test/never-built:1", fixture.Engine, ImageReaderOptions.Default, pullIfMissing: false);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.Equal($"docker:rampart-test/never-built:1: no such image in the Docker engine at {fixture.Endpoint}.", error.Message);
    }

    [SkippableFact]
    public async Task A_missing_image_is_pulled_from_the_registry_with_progress_and_its_manifest_digest()
    {
        fixture.Require();
        var pushed = await fixture.PushAppToRegistryAsync();
        using var inspect = await EngineFixture.SkopeoInspectAsync("--tls-verify=false", $"docker://{pushed}");
        var manifestDigest = inspect.RootElement.GetProperty("Digest").GetString();
        // Make sure the engine does not have it, whatever an earlier run left.
        await fixture.RemoveImageAsync(pushed);
        var progress = new RecordingProgress();

        var snapshot = await new DockerEngineImageSource($"docker:{pushed}", fixture.Engine, new ImageReaderOptions { Progress = progress })
            .ReadAsync(FileSelection.HeadersOnly, CancellationToken.None);

        Assert.Equal(fixture.AppImageId, snapshot.Image.ConfigDigest);
        Assert.Equal(manifestDigest, snapshot.Image.ManifestDigest);
        Assert.Contains(pushed, snapshot.Image.RepoTags);
        Assert.Contains(progress.Lines, line => line == $"pull {pushed}: Status: Downloaded newer image for {pushed}");
        Assert.NotNull(snapshot.Files.Find("/usr/local/bin/suid-true"));
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_is_named_in_the_error()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"rampart-no-engine-{Guid.NewGuid():N}.sock");
        using var engine = new DockerEngine(new Uri($"unix://{socket}"));
        var source = new DockerEngineImageSource("docker:debian:bookworm", engine, ImageReaderOptions.Default);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => source.ReadAsync(FileSelection.HeadersOnly, CancellationToken.None));

        Assert.StartsWith($"The Docker engine at unix://{socket} does not answer: ", error.Message, StringComparison.Ordinal);
        Assert.False(await engine.IsAvailableAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(null, "unix:///var/run/docker.sock")]
    [InlineData("", "unix:///var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375/")]
    public void The_endpoint_comes_from_DOCKER_HOST(string? dockerHost, string expected)
    {
        Assert.Equal(expected, DockerEngine.ResolveEndpoint(dockerHost).ToString());
    }

    [Fact]
    public void A_DOCKER_HOST_that_is_no_endpoint_is_an_error_naming_it()
    {
        var error = Assert.Throws<ImageReadException>(() => DockerEngine.ResolveEndpoint("ssh://me@host"));

        Assert.Contains("'ssh://me@host'", error.Message, StringComparison.Ordinal);
    }
}
