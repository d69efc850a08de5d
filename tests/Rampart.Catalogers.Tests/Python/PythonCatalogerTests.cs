using Rampart.Catalogers.Python;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Python;

public sealed class PythonCatalogerTests
{
    private const string DistPackages = "/usr/lib/python3/dist-packages";
    private readonly PythonCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Debian() =>
        _cataloger.Catalog(Contexts.For(new TestImage().Layer("python/debian").View(), null, _logger)).ToList();

    [Fact]
    public void Dist_info_and_egg_info_in_debian_dist_packages_are_found()
    {
        var packages = Debian();

        Assert.Equal(["PyJWT", "PyYAML", "cryptography"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("pypi", "python-installed", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.Equal([$"{DistPackages}/PyJWT-2.6.0.egg-info/PKG-INFO"], packages[0].Locations);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void The_purl_name_is_normalized_and_the_package_name_kept()
    {
        var yaml = Debian().Single(p => p.Name == "PyYAML");

        Assert.Equal("pkg:pypi/pyyaml@6.0", yaml.Purl?.ToString());
        Assert.Equal(["MIT"], yaml.Licenses);
        Assert.Equal("Kirill Simonov", yaml.Supplier);
    }

    [Fact]
    public void Record_lists_the_installed_files()
    {
        var yaml = Debian().Single(p => p.Name == "PyYAML");

        Assert.Contains($"{DistPackages}/PyYAML-6.0.dist-info/METADATA", yaml.Files);
        Assert.Contains(yaml.Files, f => f.StartsWith($"{DistPackages}/yaml/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_or_license_is_kept_whole_and_requirements_of_extras_are_not_dependencies()
    {
        var cryptography = Debian().Single(p => p.Name == "cryptography");

        Assert.Equal(["BSD-3-Clause OR Apache-2.0"], cryptography.Licenses);
        Assert.Empty(cryptography.DependsOn);
    }

    [Fact]
    public void A_requirement_resolves_to_the_installed_name_across_spellings()
    {
        var view = new TestImage()
            .File("/site/a-1.dist-info/METADATA", "Name: a\nVersion: 1\nRequires-Dist: Typing_Extensions\n")
            .File("/site/typing_extensions-4.dist-info/METADATA", "Name: typing_extensions\nVersion: 4\n")
            .View();

        Assert.Equal(["typing_extensions"], _cataloger.Catalog(Contexts.For(view, null)).Single(p => p.Name == "a").DependsOn);
    }

    [Fact]
    public void Broken_metadata_is_skipped_with_a_warning_naming_the_file()
    {
        var view = new TestImage().File("/site/x-1.dist-info/METADATA", "garbage").View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/site/x-1.dist-info/METADATA:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_line_with_an_unclosed_quote_is_ignored()
    {
        var view = new TestImage()
            .File("/site/x-1.dist-info/METADATA", "Name: x\nVersion: 1\n")
            .File("/site/x-1.dist-info/RECORD", "\"x/broken,,\nx/__init__.py,sha256=abc,10\n\"x/a,b.py\",,\n")
            .View();

        Assert.Equal(["/site/x/__init__.py", "/site/x/a,b.py"], Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Files);
    }
}
