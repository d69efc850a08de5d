using Rampart.Catalogers.Php;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Php;

public sealed class ComposerInstalledCatalogerTests
{
    private readonly ComposerInstalledCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Catalog(TestImage image) => _cataloger.Catalog(Contexts.For(image.View(), null, _logger)).ToList();

    [Fact]
    public void Installed_packages_get_composer_purls_with_the_vendor_as_namespace()
    {
        var packages = Catalog(new TestImage().Layer("php/app"));

        Assert.Equal(
            ["pkg:composer/monolog/monolog@3.5.0", "pkg:composer/phpunit/php-timer@6.0.0", "pkg:composer/psr/log@3.0.0", "pkg:composer/symfony/polyfill-mbstring@v1.28.0"],
            packages.Select(p => p.Purl?.ToString()));
        Assert.All(packages, p => Assert.Equal(("composer", "php-composer-installed", "/var/www/app/vendor/composer/installed.json"), (p.Type, p.FoundBy, Assert.Single(p.Locations))));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Dependencies_licenses_authors_and_description_are_carried()
    {
        var monolog = Catalog(new TestImage().Layer("php/app"))[0];

        Assert.Equal("monolog/monolog", monolog.Name);
        Assert.Equal(["psr/log"], monolog.DependsOn);
        Assert.Equal(["MIT"], monolog.Licenses);
        Assert.Equal("Jordi Boggiano", monolog.Supplier);
        Assert.NotNull(monolog.Description);
    }

    [Fact]
    public void Composer_1_and_2_installations_in_one_image_are_both_read()
    {
        var packages = Catalog(new TestImage().Layer("php/app").Layer("php/composer1"));

        Assert.Equal(8, packages.Count);
        Assert.Equal(4, packages.Count(p => p.Layer == 1 && p.Locations[0] == "/srv/legacy/vendor/composer/installed.json"));
    }

    [Theory]
    [InlineData("single", "pkg:composer/single@1.0.0")]
    [InlineData("drupal/core/recommended", "pkg:composer/drupal/core-recommended@1.0.0")]
    public void Names_of_other_shapes_are_spelled_as_syft_spells_them(string name, string purl)
    {
        var packages = Catalog(new TestImage().File("/app/vendor/composer/installed.json", $$"""{"packages": [{"name": "{{name}}", "version": "1.0.0"}]}"""));

        Assert.Equal(purl, Assert.Single(packages).Purl?.ToString());
    }

    [Fact]
    public void A_broken_file_is_reported_by_path()
    {
        Assert.Empty(Catalog(new TestImage().File("/app/vendor/composer/installed.json", "[{")));
        Assert.StartsWith("/app/vendor/composer/installed.json: not JSON", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }
}
