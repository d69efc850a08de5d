using Rampart.Catalogers.Java;

namespace Rampart.Catalogers.Tests.Java;

public sealed class PomPropertiesTests
{
    [Fact]
    public void Maven_written_properties_give_the_coordinates()
    {
        // As Maven 3.6 wrote it into commons-io 2.11.0 (Debian's /usr/share/java/commons-io.jar).
        var pom = PomProperties.Parse("#Created by Apache Maven 3.6.3\ngroupId=commons-io\nartifactId=commons-io\nversion=2.11.0\n");

        Assert.Equal(new PomProperties("commons-io", "commons-io", "2.11.0"), pom);
    }

    [Fact]
    public void The_properties_syntax_is_honoured()
    {
        // Comments with ! and #, ':' and white space as separators, a continued line, and escapes.
        var pom = PomProperties.Parse("! written by hand\r\n  groupId : org.example\r\nartifactId   demo\\\n    -core\r\nversion=1.0\\u002dbeta\\ 2\r\n");

        Assert.Equal(new PomProperties("org.example", "demo-core", "1.0-beta 2"), pom);
    }

    [Fact]
    public void A_missing_group_is_allowed()
    {
        Assert.Equal(new PomProperties(null, "x", "1"), PomProperties.Parse("artifactId=x\nversion=1\n"));
    }

    [Theory]
    [InlineData("groupId=a\nversion=1\n")]
    [InlineData("groupId=a\nartifactId=b\nversion=\n")]
    [InlineData("")]
    public void Without_artifact_or_version_there_is_nothing(string text)
    {
        Assert.Null(PomProperties.Parse(text));
    }
}
