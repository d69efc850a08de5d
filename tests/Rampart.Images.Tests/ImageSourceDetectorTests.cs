using Rampart.Core.Images;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.Images.Tests;

public sealed class ImageSourceDetectorTests
{
    [Theory]
    [InlineData("docker:nginx:1.27", "docker", "nginx:1.27")]
    [InlineData("docker-archive:/tmp/app.tar", "docker-archive", "/tmp/app.tar")]
    [InlineData("oci-archive:app.oci.tar", "oci-archive", "app.oci.tar")]
    [InlineData("oci-dir:./layout:stable", "oci-dir", "./layout:stable")]
    [InlineData("registry:localhost:5000/app:1", "registry", "localhost:5000/app:1")]
    [InlineData("dir:/", "dir", "/")]
    [InlineData("nginx:1.27", null, "nginx:1.27")]
    [InlineData("localhost:5000/x", null, "localhost:5000/x")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null, "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/org/app:v1", null, "ghcr.io/org/app:v1")]
    [InlineData("app.tar", null, "app.tar")]
    public void ParseScheme_KnownSchemesAndReferences_SplitAsExpected(string input, string? scheme, string value)
    {
        Assert.Equal((scheme, value), ImageSourceDetector.ParseScheme(input));
    }

    [Theory]
    [InlineData("podman:docker.io/library/x:1", "podman")]
    [InlineData("oci:/tmp/layout", "oci")]
    public void ParseScheme_UnknownScheme_FailsNamingIt(string input, string scheme)
    {
        var error = Assert.Throws<ImageReadException>(() => ImageSourceDetector.ParseScheme(input));

        Assert.Contains($"unknown scheme '{scheme}:'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseScheme_SchemeWithoutValue_Fails()
    {
        Assert.Throws<ImageReadException>(() => ImageSourceDetector.ParseScheme("docker-archive:"));
    }

    [Fact]
    public void Detect_EachLocalFormat_IsRecognisedByContent()
    {
        using var temp = new TempDirectory();
        var image = TestImages.Sample().Build();
        File.WriteAllBytes(temp.Combine("legacy.tar"), image.ToDockerArchive());
        File.WriteAllBytes(temp.Combine("docker25.tar"), image.ToDockerArchive(DockerArchiveLayout.Oci));
        using (var file = File.Create(temp.Combine("oci.tar")))
        {
            image.WriteOciArchive(file);
        }

        image.WriteOciLayout(temp.Combine("layout"));
        Directory.CreateDirectory(temp.Combine("rootfs", "etc"));

        Assert.Equal(ImageSourceKind.DockerArchive, ImageSourceDetector.Detect(temp.Combine("legacy.tar")));
        Assert.Equal(ImageSourceKind.DockerArchive, ImageSourceDetector.Detect(temp.Combine("docker25.tar")));
        Assert.Equal(ImageSourceKind.OciArchive, ImageSourceDetector.Detect(temp.Combine("oci.tar")));
        Assert.Equal(ImageSourceKind.OciDirectory, ImageSourceDetector.Detect(temp.Combine("layout")));
        Assert.Equal(ImageSourceKind.Directory, ImageSourceDetector.Detect(temp.Combine("rootfs")));
    }

    [Fact]
    public void Detect_FileThatIsNoImage_FailsNamingIt()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("notes.txt");
        File.WriteAllText(path, "just text, not a tar");

        var error = Assert.Throws<ImageReadException>(() => ImageSourceDetector.Detect(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MissingPath_FailsNamingIt()
    {
        var error = Assert.Throws<ImageReadException>(() => ImageSourceDetector.Detect("/nonexistent/image.tar"));

        Assert.Equal("/nonexistent/image.tar: no such file or directory", error.Message);
    }
}
