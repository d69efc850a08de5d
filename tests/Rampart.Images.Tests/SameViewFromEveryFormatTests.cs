using Rampart.Core.Images;
using Rampart.Images.Archives;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.Images.Tests;

public sealed class SameViewFromEveryFormatTests
{
    [Fact]
    public async Task EveryFormat_SameImage_GivesTheSameSquashedViewAndDescriptor()
    {
        using var temp = new TempDirectory();
        var image = TestImages.Sample(TestCompression.Zstd)
            .Env("PATH=/usr/bin").Entrypoint("/usr/bin/app").Cmd("--serve").WorkingDir("/srv").ExposePort("8080/tcp").Volume("/data")
            .Label("org.opencontainers.image.vendor", "Example").StopSignal("SIGTERM").Shell("/bin/sh", "-c")
            .Healthcheck(["CMD", "/usr/bin/check"], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 3)
            .Build();
        var legacy = temp.Combine("legacy.tar");
        var docker25 = temp.Combine("docker25.tar");
        var ociTar = temp.Combine("oci.tar");
        var layout = temp.Combine("layout");
        await File.WriteAllBytesAsync(legacy, image.ToDockerArchive());
        await File.WriteAllBytesAsync(docker25, image.ToDockerArchive(DockerArchiveLayout.Oci));
        await using (var file = File.Create(ociTar))
        {
            image.WriteOciArchive(file);
        }

        image.WriteOciLayout(layout);
        var options = ImageReaderOptions.Default;

        var snapshots = new List<ImageSnapshot>
        {
            await new DockerArchiveSource(legacy, "a", options).ReadAsync(TestImages.Selection, CancellationToken.None),
            await new DockerArchiveSource(docker25, "b", options).ReadAsync(TestImages.Selection, CancellationToken.None),
            await DockerArchiveReader.ReadAsync(new NonSeekableStream(File.OpenRead(docker25)), "c", TestImages.Selection, options, CancellationToken.None),
            await new OciArchiveSource(ociTar, "d", options).ReadAsync(TestImages.Selection, CancellationToken.None),
            await new OciDirectorySource(layout, "e", options).ReadAsync(TestImages.Selection, CancellationToken.None),
        };

        var expected = Describe(snapshots[0]);
        Assert.All(snapshots, s => Assert.Equal(expected, Describe(s)));
        var config = snapshots[0].Image.Config;
        Assert.Equal(["PATH=/usr/bin"], config.Env);
        Assert.Equal(["/usr/bin/app"], config.Entrypoint);
        Assert.Equal(["--serve"], config.Cmd);
        Assert.Equal("/srv", config.WorkingDir);
        Assert.Equal(["8080/tcp"], config.ExposedPorts);
        Assert.Equal(["/data"], config.Volumes);
        Assert.Equal("Example", config.Labels["org.opencontainers.image.vendor"]);
        Assert.Equal("SIGTERM", config.StopSignal);
        Assert.Equal(["/bin/sh", "-c"], config.Shell);
        Assert.Equal(new HealthCheck(["CMD", "/usr/bin/check"], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 3) with { Test = config.Healthcheck!.Test }, config.Healthcheck);
        Assert.Equal(["CMD", "/usr/bin/check"], config.Healthcheck.Test);
        Assert.Equal(Platform.LinuxAmd64, snapshots[0].Image.Platform);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), snapshots[0].Image.Created);
    }

    private static string Describe(ImageSnapshot snapshot)
    {
        var files = snapshot.Files;
        var lines = files.Entries.Select(e =>
            $"{e.Path} {e.Kind} {(int)e.Mode} {e.Uid}:{e.Gid} {e.Size} {e.LinkTarget} L{e.Layer} {(files.ReadContent(e) is { } c ? Convert.ToHexString(c.Span) : "-")}");
        return string.Join('\n', lines.Prepend($"{snapshot.Image.ConfigDigest} {string.Join(',', snapshot.Image.Layers.Select(l => l.DiffId))} {snapshot.Image.Config.User}"));
    }
}
