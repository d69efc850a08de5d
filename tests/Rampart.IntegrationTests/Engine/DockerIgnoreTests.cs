using Rampart.Images.Engine;

namespace Rampart.IntegrationTests.Engine;

public sealed class DockerIgnoreTests
{
    private static readonly DockerIgnore Ignore = DockerIgnore.Parse(
    [
        "# comment",
        "",
        "*.secret",
        "/build/",
        "docs/**/*.md",
        "**/node_modules",
        "cache",
        "!cache/keep.txt",
        "temp?",
        "./logs/../out",
    ]);

    [Theory]
    [InlineData("token.secret", true)]
    [InlineData("sub/token.secret", false)]
    [InlineData("build", true)]
    [InlineData("build/app.dll", true)]
    [InlineData("docs/a.md", true)]
    [InlineData("docs/x/y/a.md", true)]
    [InlineData("docs/a.txt", false)]
    [InlineData("node_modules/left-pad/index.js", true)]
    [InlineData("web/node_modules/x.js", true)]
    [InlineData("cache/blob", true)]
    [InlineData("cache/keep.txt", false)]
    [InlineData("temp1", true)]
    [InlineData("temp12", false)]
    [InlineData("out/file", true)]
    [InlineData("logs/file", false)]
    [InlineData("src/Program.cs", false)]
    public void Paths_are_ignored_as_the_docker_cli_ignores_them(string path, bool ignored)
    {
        Assert.Equal(ignored, Ignore.IsIgnored(path));
    }

    [Fact]
    public void Exceptions_are_known_so_ignored_directories_are_still_walked()
    {
        Assert.True(Ignore.HasExceptions);
        Assert.False(DockerIgnore.Parse(["*.log"]).HasExceptions);
        Assert.False(DockerIgnore.None.IsIgnored("anything"));
    }
}
