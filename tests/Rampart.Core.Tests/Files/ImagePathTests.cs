using Rampart.Core.Files;

namespace Rampart.Core.Tests.Files;

public sealed class ImagePathTests
{
    [Theory]
    [InlineData("etc/passwd", "/etc/passwd")]
    [InlineData("./etc/passwd", "/etc/passwd")]
    [InlineData("/etc/passwd", "/etc/passwd")]
    [InlineData("a//b/./c/", "/a/b/c")]
    [InlineData("./a/b/../c", "/a/c")]
    [InlineData("./", "/")]
    [InlineData("", "/")]
    [InlineData("a/..", "/")]
    public void Normalize_TarNames_BecomeAbsoluteAndClean(string name, string expected)
    {
        Assert.Equal(expected, ImagePath.Normalize(name));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../etc/passwd")]
    [InlineData("a/../../b")]
    [InlineData("/../x")]
    public void Normalize_NameClimbingAboveRoot_ReturnsNull(string name)
    {
        Assert.Null(ImagePath.Normalize(name));
    }

    [Theory]
    [InlineData("/etc/passwd", "/etc")]
    [InlineData("/etc", "/")]
    [InlineData("/", "/")]
    public void Parent_OfAbsolutePath_IsItsDirectory(string path, string parent)
    {
        Assert.Equal(parent, ImagePath.Parent(path));
    }

    [Fact]
    public void FileName_IsTheLastSegment()
    {
        Assert.Equal("passwd", ImagePath.FileName("/etc/passwd"));
    }

    [Theory]
    [InlineData("/etc", "../usr/lib/os-release", "/usr/lib/os-release")]
    [InlineData("/etc", "/usr/lib/os-release", "/usr/lib/os-release")]
    [InlineData("/", "usr/lib", "/usr/lib")]
    [InlineData("/a", "../../../b", "/b")]
    [InlineData("/a/b", "./c", "/a/b/c")]
    public void Combine_RelativeAndAbsoluteTargets_StopAtTheRoot(string directory, string relative, string expected)
    {
        Assert.Equal(expected, ImagePath.Combine(directory, relative));
    }
}
