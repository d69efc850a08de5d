using Rampart.Catalogers.Npm;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Npm;

public sealed class NpmCatalogerTests
{
    private readonly NpmCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Debian() =>
        _cataloger.Catalog(Contexts.For(new TestImage().Layer("npm/debian").View(), null, _logger)).ToList();

    [Fact]
    public void Installed_packages_are_found_with_their_manifest_and_layer()
    {
        var packages = Debian();

        Assert.Equal(["@npmcli/fs", "npm", "semver"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("npm", "npm-package-json", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.Equal(["/usr/lib/node_modules/npm/package.json"], packages[1].Locations);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void A_scoped_package_has_its_scope_as_the_purl_namespace()
    {
        var fs = Debian()[0];

        Assert.Equal("pkg:npm/%40npmcli/fs@5.0.0", fs.Purl?.ToString());
        Assert.Equal(["ISC"], fs.Licenses);
        Assert.Equal(["semver"], fs.DependsOn);
    }

    [Fact]
    public void License_and_description_are_carried()
    {
        var npm = Debian()[1];

        Assert.Equal("pkg:npm/npm@11.19.1", npm.Purl?.ToString());
        Assert.Equal(["Artistic-2.0"], npm.Licenses);
        Assert.Equal("a package manager for JavaScript", npm.Description);
    }

    [Fact]
    public void Package_json_files_inside_a_package_are_not_packages()
    {
        var view = new TestImage()
            .File("/app/node_modules/rxjs/package.json", "{\"name\":\"rxjs\",\"version\":\"7.8.1\"}")
            .File("/app/node_modules/rxjs/ajax/package.json", "{\"name\":\"rxjs/ajax\",\"version\":\"7.8.1\"}")
            .File("/app/package.json", "{\"name\":\"app\",\"version\":\"1.0.0\"}")
            .View();

        Assert.Equal("rxjs", Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Name);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"version\":\"1\",\"license\":{\"type\":\"MIT\"}}", "MIT")]
    [InlineData("{\"name\":\"a\",\"version\":\"1\",\"licenses\":[{\"type\":\"MIT\"},\"BSD\"]}", "MIT,BSD")]
    [InlineData("{\"name\":\"a\",\"version\":\"1\",\"license\":42}", "")]
    public void Legacy_license_shapes_are_read(string json, string licenses)
    {
        var view = new TestImage().File("/node_modules/a/package.json", json).View();

        Assert.Equal(licenses, string.Join(',', Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Licenses));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"name\":\"a\"}")]
    [InlineData("{\"version\":\"1\"}")]
    public void Broken_or_anonymous_manifests_are_skipped_with_a_warning_naming_them(string json)
    {
        var view = new TestImage().File("/node_modules/a/package.json", json).View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/node_modules/a/package.json:", StringComparison.Ordinal));
    }
}
