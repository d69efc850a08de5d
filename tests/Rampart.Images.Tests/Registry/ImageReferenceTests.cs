using Rampart.Core.Images;
using Rampart.Images.Registry;

namespace Rampart.Images.Tests.Registry;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", "latest", null, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27", null, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("bitnami/nginx", "docker.io", "bitnami/nginx", "latest", null, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", "latest", null, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("localhost:5000/x", "localhost:5000", "x", "latest", null, "localhost:5000", "localhost:5000")]
    [InlineData("localhost/x:y", "localhost", "x", "y", null, "localhost", "localhost")]
    [InlineData("127.0.0.1:5000/team/app:1.0", "127.0.0.1:5000", "team/app", "1.0", null, "127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("ghcr.io/owner/repo/sub:v2", "ghcr.io", "owner/repo/sub", "v2", null, "ghcr.io", "ghcr.io")]
    [InlineData("host:5000/a/b:tag@" + Digest, "host:5000", "a/b", "tag", Digest, "host:5000", "host:5000")]
    [InlineData("nginx@" + Digest, "docker.io", "library/nginx", null, Digest, "registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("Registry.Example/app", "Registry.Example", "app", "latest", null, "Registry.Example", "Registry.Example")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", "latest", null, "[::1]:5000", "[::1]:5000")]
    [InlineData("a.b-c/e.f--g__h:_T.1-x", "a.b-c", "e.f--g__h", "_T.1-x", null, "a.b-c", "a.b-c")]
    public void Parse_SplitsRegistryRepositoryTagAndDigest(
        string input, string registry, string repository, string? tag, string? digest, string apiHost, string authKey)
    {
        var reference = ImageReference.Parse(input);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(apiHost, reference.ApiHost);
        Assert.Equal(authKey, reference.AuthKey);
        Assert.Equal(digest ?? tag, reference.ManifestReference);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("localhost:5000/a/b:t@" + Digest, "localhost:5000/a/b:t@" + Digest)]
    [InlineData("x@" + Digest, "docker.io/library/x@" + Digest)]
    public void ToString_IsFullyQualified(string input, string expected) => Assert.Equal(expected, ImageReference.Parse(input).ToString());

    [Theory]
    [InlineData("", "no spaces")]
    [InlineData("a b", "no spaces")]
    [InlineData("Nginx", "must be lowercase")]
    [InlineData("example.com/Team/app", "must be lowercase")]
    [InlineData("nginx:", "not a valid tag")]
    [InlineData("nginx:-x", "not a valid tag")]
    [InlineData("nginx@sha256:abc", "not a digest")]
    [InlineData("nginx@sha512:" + "00", "only sha256")]
    [InlineData("nginx@" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "not a digest")]
    [InlineData("example.com/", "names no repository")]
    [InlineData("example.com//app", "not a valid repository path component")]
    [InlineData("a..b", "not a valid repository path component")]
    [InlineData("-bad.example/app", "not a valid registry")]
    [InlineData("host:port/app", "not a valid registry")]
    public void Parse_RejectsWhatNoRegistryAccepts_NamingTheInput(string input, string why)
    {
        var error = Assert.Throws<ImageReadException>(() => ImageReference.Parse(input));

        Assert.StartsWith($"{input}: not a valid image reference: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsNamesLongerThan255Characters()
    {
        var error = Assert.Throws<ImageReadException>(() => ImageReference.Parse("example.com/" + new string('a', 250)));

        Assert.Contains("longer than 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_TakesTheReferenceWithOrWithoutTheScheme()
    {
        var withScheme = new RegistryImageSource("registry:nginx", RegistryOptions.Default, ImageReaderOptions.Default);
        var without = new RegistryImageSource("localhost:5000/app:1", RegistryOptions.Default, ImageReaderOptions.Default);

        Assert.Equal("registry:nginx", withScheme.Reference);
        Assert.Equal("docker.io/library/nginx:latest", withScheme.Image.ToString());
        Assert.Equal("registry:localhost:5000/app:1", without.Reference);
        Assert.Equal("localhost:5000", without.Image.Registry);
    }

    [Theory]
    [InlineData("localhost:5000", true)]
    [InlineData("LOCALHOST:5000", true)]
    [InlineData("localhost:5001", false)]
    [InlineData("insecure.example:443", true)]
    [InlineData("insecure.example", true)]
    [InlineData("secure.example", false)]
    public void IsInsecure_MatchesHostAndPortOrAHostForEveryPort(string registry, bool expected)
    {
        var options = new RegistryOptions { InsecureRegistries = ["localhost:5000", "insecure.example"] };

        Assert.Equal(expected, options.IsInsecure(registry));
    }
}
