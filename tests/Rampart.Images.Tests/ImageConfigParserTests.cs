using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Config;

namespace Rampart.Images.Tests;

public sealed class ImageConfigParserTests
{
    private const string DiffId = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public void Parse_DockerConfig_ReadsRuntimeConfigPlatformAndHistory()
    {
        var json = $$$"""
            {
              "architecture": "arm", "os": "linux", "variant": "v7",
              "created": "2024-05-06T07:08:09.123456789Z",
              "config": {
                "User": "1000:1000", "Env": ["A=1"], "Entrypoint": null, "Cmd": "serve",
                "ExposedPorts": {"80/tcp": {}, "53/udp": {}}, "Labels": null,
                "Healthcheck": {"Test": ["NONE"], "Interval": 1500000000, "Retries": 2}
              },
              "rootfs": {"type": "layers", "diff_ids": ["{{{DiffId}}}"]},
              "history": [
                {"created_by": "ADD rootfs.tar /", "created": "bad time"},
                {"created_by": "USER 1000", "empty_layer": true, "comment": "buildkit"},
                {"created_by": "RUN more"}
              ]
            }
            """;

        var parsed = ImageConfigParser.Parse(Encoding.UTF8.GetBytes(json), Session());

        Assert.Equal(new Platform("linux", "arm", "v7"), parsed.Platform);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567), parsed.Created);
        Assert.Equal("1000:1000", parsed.Config.User);
        Assert.Empty(parsed.Config.Entrypoint);
        Assert.Equal(["serve"], parsed.Config.Cmd);
        Assert.Equal(["80/tcp", "53/udp"], parsed.Config.ExposedPorts);
        Assert.Empty(parsed.Config.Labels);
        Assert.True(parsed.Config.Healthcheck!.IsDisabled);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), parsed.Config.Healthcheck.Interval);
        Assert.Null(parsed.Config.Healthcheck.Timeout);
        Assert.Equal(2, parsed.Config.Healthcheck.Retries);
        Assert.Equal([0, null, null], parsed.History.Select(h => h.Layer));
        Assert.Null(parsed.History[0].Created);
        Assert.Equal("buildkit", parsed.History[1].Comment);
        Assert.Equal(ImageReadSession.Sha256Digest(Encoding.UTF8.GetBytes(json)), parsed.Digest);
    }

    [Fact]
    public void Parse_LowercaseKeys_AreAcceptedAsGoDoes()
    {
        var json = $$$"""{"os":"linux","architecture":"amd64","config":{"user":"app"},"rootfs":{"diff_ids":["{{{DiffId}}}"]}}""";

        Assert.Equal("app", ImageConfigParser.Parse(Encoding.UTF8.GetBytes(json), Session()).Config.User);
    }

    [Theory]
    [InlineData("""{"os":"linux"}""", "no rootfs.diff_ids")]
    [InlineData("""{"rootfs":{"diff_ids":["md5:abc"]}}""", "'md5:abc', which is not a sha256 digest")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"rootfs":""", "not valid JSON")]
    public void Parse_BrokenConfig_FailsNamingInputAndFault(string json, string fault)
    {
        var error = Assert.Throws<ImageReadException>(() => ImageConfigParser.Parse(Encoding.UTF8.GetBytes(json), Session()));

        Assert.StartsWith("img: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fault, error.Message, StringComparison.Ordinal);
    }

    private static ImageReadSession Session() => new("img", FileSelection.HeadersOnly, ImageReaderOptions.Default);
}
