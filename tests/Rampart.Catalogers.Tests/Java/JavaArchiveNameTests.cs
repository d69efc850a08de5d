using Rampart.Catalogers.Java;

namespace Rampart.Catalogers.Tests.Java;

public sealed class JavaArchiveNameTests
{
    [Theory]
    [InlineData("/usr/share/java/commons-io-2.11.0.jar", "commons-io", "2.11.0")]
    [InlineData("guava-31.1-jre.jar", "guava", "31.1-jre")]
    [InlineData("my-http2-server-5.jar", "my-http2-server", "5")]
    [InlineData("jetpack-build235-rc5.jar", "jetpack", "build235-rc5")]
    [InlineData("ironman-r4-2009.jar", "ironman", "r4-2009")]
    [InlineData("org.eclipse.osgi_3.18.0.v20220516.jar", "org.eclipse.osgi", "3.18.0.v20220516")]
    [InlineData("org.eclipse.osgi_3.18.0.v20220516-2155.jar", "org.eclipse.osgi_3.18.0.v20220516", "2155")]
    [InlineData("com.google.guava.failureaccess-1.0.1.jar", "failureaccess", "1.0.1")]
    [InlineData("/app/shop.war:WEB-INF/lib/jackson-core-2.15.2.jar", "jackson-core", "2.15.2")]
    [InlineData("tool.jar", "tool", "")]
    [InlineData("rt.jar", "rt", "")]
    public void Name_and_version_come_from_the_file_name(string path, string name, string version)
    {
        Assert.Equal(new JavaArchiveName(name, version), JavaArchiveName.Parse(path));
    }
}
