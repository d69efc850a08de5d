using Rampart.Catalogers.Java;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;
using JavaArchives = Rampart.Testing.JavaArchives;

namespace Rampart.Catalogers.Tests.Java;

[Collection(JavaArchivesFixture.Name)]
public sealed class JavaArchiveCatalogerTests(JavaArchives jars)
{
    private readonly JavaArchiveCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Catalog(TestImage image) => _cataloger.Catalog(Contexts.For(image.View(), null, _logger)).ToList();

    [Fact]
    public void Archives_anywhere_in_the_image_are_read_with_their_nested_archives()
    {
        var packages = Catalog(new TestImage()
            .Inspected("/usr/share/java/commons-demo-1.4.2.jar", jars.Bytes(JavaArchives.CommonsDemo))
            .EmptyLayer()
            .Inspected("/usr/local/tomcat/webapps/shop.war", jars.Bytes(JavaArchives.ShopWar)));

        Assert.Equal(
            [
                "pkg:maven/org.example/commons-demo@1.4.2 /usr/local/tomcat/webapps/shop.war:WEB-INF/lib/commons-demo-1.4.2.jar 1",
                "pkg:maven/org.example/commons-demo@1.4.2 /usr/share/java/commons-demo-1.4.2.jar 0",
                "pkg:maven/legacy-lib/legacy-lib@0.9 /usr/local/tomcat/webapps/shop.war:WEB-INF/lib/legacy-lib-0.9.jar 1",
                "pkg:maven/com.example/shop@5.0.0 /usr/local/tomcat/webapps/shop.war 1",
            ],
            packages.Select(p => $"{p.Purl} {string.Join(',', p.Locations)} {p.Layer}"));
        Assert.All(packages, p => Assert.Equal(("maven", "java-archive"), (p.Type, p.FoundBy)));
        Assert.Equal(["Apache-2.0"], packages[0].Licenses);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Jenkins_plugins_and_spring_boot_jars_are_archives_too()
    {
        var packages = Catalog(new TestImage()
            .Inspected("/var/jenkins_home/plugins/legacy-lib-0.9.hpi", jars.Bytes(JavaArchives.LegacyLib))
            .Inspected("/app/boot-app.jar", jars.Bytes(JavaArchives.BootApp)));

        Assert.Equal(["boot-app", "legacy-lib", "shaded-app", "slf4j-api", "tool"], packages.Select(p => p.Name));
    }

    [Fact]
    public void A_symlink_to_an_archive_is_not_read_twice()
    {
        var packages = Catalog(new TestImage()
            .Inspected("/usr/share/java/commons-demo-1.4.2.jar", jars.Bytes(JavaArchives.CommonsDemo))
            .Symlink("/usr/share/java/commons-demo.jar", "commons-demo-1.4.2.jar"));

        Assert.Equal("/usr/share/java/commons-demo-1.4.2.jar", Assert.Single(Assert.Single(packages).Locations));
    }

    [Fact]
    public void A_broken_archive_costs_a_warning_naming_it_and_the_others_are_still_read()
    {
        var good = jars.Bytes(JavaArchives.LegacyLib);
        var packages = Catalog(new TestImage()
            .Inspected("/opt/broken-1.0.jar", good[..(good.Length - 40)])
            .Inspected("/opt/legacy-lib-0.9.jar", good));

        Assert.Equal("legacy-lib", Assert.Single(packages).Name);
        Assert.StartsWith("/opt/broken-1.0.jar: not a readable zip archive", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_that_is_no_zip_file_costs_a_warning_naming_it()
    {
        Assert.Empty(Catalog(new TestImage().Inspected("/opt/notes.war", "not a zip file"u8.ToArray())));
        Assert.StartsWith("/opt/notes.war: not a zip archive", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Zip_files_of_other_kinds_are_not_read_as_java_archives()
    {
        Assert.Empty(Catalog(new TestImage().Inspected("/opt/bundle.zip", jars.Bytes(JavaArchives.CommonsDemo))));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Limits_given_to_the_cataloger_apply_to_every_archive()
    {
        var cataloger = new JavaArchiveCataloger(new JavaArchiveLimits { MaxDepth = 0 });
        var packages = cataloger.Catalog(Contexts.For(new TestImage().Inspected("/srv/shop.war", jars.Bytes(JavaArchives.ShopWar), cataloger.Inspectors).View(), null, _logger));

        Assert.Equal("shop", Assert.Single(packages).Name);
        Assert.Equal(2, _logger.Warnings.Count());
        Assert.All(_logger.Warnings, w => Assert.Contains("nested more than 0 archives deep", w, StringComparison.Ordinal));
    }
}
