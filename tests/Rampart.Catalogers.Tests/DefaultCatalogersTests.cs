using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Tests;

public sealed class DefaultCatalogersTests
{
    [Fact]
    public void Every_cataloger_has_its_own_id()
    {
        Assert.Equal(
            ["apk-db", "cargo-auditable", "chisel-manifest", "dotnet-deps", "dpkg-db", "go-binary", "java-archive", "npm-package-json", "php-composer-installed", "python-installed", "rpm-db", "ruby-gemspec"],
            DefaultCatalogers.All.Select(c => c.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_content_globs_cover_every_cataloger_and_the_distribution_files()
    {
        var selection = new FileSelection(DefaultCatalogers.ContentGlobs);

        Assert.All(OsReleaseReader.Globs, g => Assert.True(selection.WantsContent(g, 1)));
        Assert.All(DefaultCatalogers.All.SelectMany(c => c.ContentGlobs), g => Assert.Contains(g, DefaultCatalogers.ContentGlobs));
        Assert.True(selection.WantsContent("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA", 1));
        Assert.True(selection.WantsContent("/usr/local/bundle/specifications/rack-3.0.8.gemspec", 1));
        Assert.True(selection.WantsContent("/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", 1));
        Assert.True(selection.WantsContent("/var/www/html/vendor/composer/installed.json", 1));
        Assert.False(selection.WantsContent("/usr/bin/python3", 1));
    }

    [Theory]
    [InlineData("/var/lib/rpm/Packages", true)]
    [InlineData("/usr/lib/sysimage/rpm/rpmdb.sqlite", true)]
    [InlineData("/var/lib/dpkg/status", true)]
    [InlineData("/lib/apk/db/installed", true)]
    [InlineData("/usr/share/doc/bash/copyright", false)]
    [InlineData("/var/lib/dpkg/info/bash.list", false)]
    public void Package_databases_are_kept_beyond_the_per_file_limit_and_nothing_else_is(string path, bool kept)
    {
        var selection = new FileSelection(DefaultCatalogers.ContentGlobs, databaseGlobs: DefaultCatalogers.DatabaseGlobs);
        var overLimit = FileSelection.DefaultMaxFileBytes + 1;

        Assert.True(selection.WantsContent(path, 1));
        Assert.Equal(kept, selection.WantsContent(path, overLimit));
        Assert.False(selection.WantsContent(path, FileSelection.MaxDatabaseBytes + 1));
    }

    [Fact]
    public void Catalog_all_merges_ecosystems_in_type_then_name_order()
    {
        var view = new TestImage().Layer("dpkg/debian-bookworm").Layer("python/debian").Symlink("/etc/os-release", "../usr/lib/os-release").View();
        var logger = new ListLogger();

        var packages = DefaultCatalogers.CatalogAll(Contexts.For(view, OsReleaseReader.Read(view, logger), logger));

        Assert.Equal(["deb", "pypi"], packages.Select(p => p.Type).Distinct());
        Assert.Equal(14, packages.Count);
        Assert.Equal(1, packages.Single(p => p.Name == "PyYAML").Layer);
        Assert.Empty(logger.Warnings);
    }
}
