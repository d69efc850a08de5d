using Rampart.Catalogers.Ruby;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Ruby;

public sealed class GemspecCatalogerTests
{
    private readonly GemspecCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Debian() => _cataloger.Catalog(Contexts.For(new TestImage().Layer("ruby/debian").View(), null, _logger)).ToList();

    [Fact]
    public void Gems_of_every_gem_home_are_found_default_gems_included()
    {
        var packages = Debian();

        Assert.Equal(
            ["pkg:gem/bundler@2.3.7", "pkg:gem/json@2.6.1", "pkg:gem/net-telnet@0.2.0", "pkg:gem/power_assert@2.0.1", "pkg:gem/test-unit@3.5.3"],
            packages.Select(p => p.Purl?.ToString()));
        Assert.All(packages, p => Assert.Equal(("gem", "ruby-gemspec", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.Equal(["/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec"], packages[1].Locations);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Licenses_authors_summary_and_dependencies_are_carried()
    {
        var testUnit = Debian()[4];

        Assert.Equal(["Ruby", "BSDL", "PSFL"], testUnit.Licenses);
        Assert.Equal("Kouhei Sutou, Haruka Yoshihara", testUnit.Supplier);
        Assert.Equal("An xUnit family unit testing framework for Ruby.", testUnit.Description);
        Assert.Equal(["power_assert"], testUnit.DependsOn);
    }

    [Fact]
    public void Gemspecs_outside_a_specifications_folder_are_source_files_and_not_read()
    {
        var view = new TestImage()
            .File("/app/vendor/cache/rack/rack.gemspec", "s.name = \"rack\"\ns.version = \"3.0.8\"\n")
            .File("/usr/local/bundle/specifications/rack-3.0.8.gemspec", "s.name = \"rack\"\ns.version = \"3.0.8\"\n")
            .View();

        Assert.Equal("/usr/local/bundle/specifications/rack-3.0.8.gemspec", Assert.Single(Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Locations));
    }

    [Fact]
    public void A_broken_specification_is_skipped_with_a_warning_naming_it()
    {
        var view = new TestImage().File("/usr/local/bundle/specifications/broken-1.0.gemspec", "Gem::Specification.new do |s|\nend\n").View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.StartsWith("/usr/local/bundle/specifications/broken-1.0.gemspec:", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }
}
