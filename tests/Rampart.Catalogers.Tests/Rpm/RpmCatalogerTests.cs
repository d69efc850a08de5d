using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Rpm;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Rpm;

public sealed class RpmCatalogerTests
{
    private readonly RpmCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Rhel()
    {
        var view = new TestImage().Layer("rpm/rhel9").View();
        return _cataloger.Catalog(Contexts.For(view, OsReleaseReader.Read(view, _logger), _logger)).ToList();
    }

    [Fact]
    public void Every_package_of_a_real_sqlite_database_is_found_in_name_order()
    {
        var packages = Rhel();

        Assert.Equal(["base-rampart", "hello-rampart", "lib-rampart"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("rpm", "rpm-db", 0, "noarch"), (p.Type, p.FoundBy, p.Layer, p.Architecture)));
        Assert.All(packages, p => Assert.Equal(["/var/lib/rpm/rpmdb.sqlite"], p.Locations));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void The_epoch_leads_the_version_and_is_a_purl_qualifier()
    {
        var hello = Rhel().Single(p => p.Name == "hello-rampart");

        Assert.Equal("2:1.0-1.el9", hello.Version);
        Assert.Equal(
            "pkg:rpm/redhat/hello-rampart@1.0-1.el9?arch=noarch&distro=rhel-9.4&epoch=2&upstream=hello-rampart-1.0-1.el9.src.rpm",
            hello.Purl?.ToString());
    }

    [Fact]
    public void Without_an_epoch_the_version_is_version_release()
    {
        var lib = Rhel().Single(p => p.Name == "lib-rampart");

        Assert.Equal("0.9-2.el9", lib.Version);
        Assert.Equal("pkg:rpm/redhat/lib-rampart@0.9-2.el9?arch=noarch&distro=rhel-9.4&upstream=lib-rampart-0.9-2.el9.src.rpm", lib.Purl?.ToString());
    }

    [Fact]
    public void License_vendor_summary_and_source_are_carried()
    {
        var baseRampart = Rhel().Single(p => p.Name == "base-rampart");

        Assert.Equal(["GPL-2.0-or-later AND LGPL-2.1-or-later"], baseRampart.Licenses);
        Assert.Equal("Rampart Test Vendor", baseRampart.Supplier);
        Assert.Equal("base-rampart, a tiny package for Rampart's rpm tests", baseRampart.Description);
        Assert.Equal("base-rampart", baseRampart.SourceName);
    }

    [Fact]
    public void Files_come_from_directory_and_base_names()
    {
        Assert.Equal(["/etc/base-rampart.conf", "/usr/lib/base-rampart/data"], Rhel().Single(p => p.Name == "base-rampart").Files);
    }

    [Fact]
    public void Requirements_resolve_through_names_and_provides_and_rpmlib_markers_are_dropped()
    {
        var packages = Rhel();

        Assert.Equal(["/bin/sh", "base-rampart"], packages.Single(p => p.Name == "hello-rampart").DependsOn);
        Assert.Equal(["base-rampart"], packages.Single(p => p.Name == "lib-rampart").DependsOn);
        Assert.Empty(packages.Single(p => p.Name == "base-rampart").DependsOn);
    }

    [Theory]
    [InlineData("fedora", "40", "pkg:rpm/fedora/lib-rampart@0.9-2.el9?arch=noarch&distro=fedora-40&upstream=lib-rampart-0.9-2.el9.src.rpm")]
    [InlineData("amzn", "2023", "pkg:rpm/amzn/lib-rampart@0.9-2.el9?arch=noarch&distro=amzn-2023&upstream=lib-rampart-0.9-2.el9.src.rpm")]
    [InlineData("opensuse-leap", "15.6", "pkg:rpm/opensuse/lib-rampart@0.9-2.el9?arch=noarch&distro=opensuse-leap-15.6&upstream=lib-rampart-0.9-2.el9.src.rpm")]
    public void The_namespace_follows_the_distribution(string id, string version, string purl)
    {
        var view = new TestImage().Layer("rpm/rhel9").View();

        var lib = _cataloger.Catalog(Contexts.For(view, Contexts.Os(id, version))).Single(p => p.Name == "lib-rampart");

        Assert.Equal(purl, lib.Purl?.ToString());
    }

    [Fact]
    public void The_database_under_usr_lib_sysimage_is_found_too()
    {
        var bytes = File.ReadAllBytes(TestImage.TestData("rpm/rhel9/var/lib/rpm/rpmdb.sqlite"));
        var view = new TestImage().File("/usr/lib/sysimage/rpm/rpmdb.sqlite", bytes).View();

        var packages = _cataloger.Catalog(Contexts.For(view, null)).ToList();

        Assert.Equal(3, packages.Count);
        Assert.All(packages, p => Assert.Equal(["/usr/lib/sysimage/rpm/rpmdb.sqlite"], p.Locations));
    }

    [Fact]
    public void A_berkeley_database_gives_the_packages_its_sqlite_twin_gives()
    {
        var view = new TestImage().Layer("rpm/centos7").View();

        var packages = _cataloger.Catalog(Contexts.For(view, OsReleaseReader.Read(view, _logger), _logger)).ToList();

        Assert.Equal(
            Rhel().Select(p => (p.Name, p.Version, p.Licenses.Single(), p.DependsOn.Count, p.Files.Count)),
            packages.Select(p => (p.Name, p.Version, p.Licenses.Single(), p.DependsOn.Count, p.Files.Count)));
        Assert.All(packages, p => Assert.Equal(["/var/lib/rpm/Packages"], p.Locations));
        Assert.Equal(
            "pkg:rpm/centos/hello-rampart@1.0-1.el9?arch=noarch&distro=centos-7&epoch=2&upstream=hello-rampart-1.0-1.el9.src.rpm",
            packages.Single(p => p.Name == "hello-rampart").Purl?.ToString());
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void A_damaged_berkeley_database_is_reported_naming_it()
    {
        var bytes = File.ReadAllBytes(TestImage.TestData("rpm/centos7/var/lib/rpm/Packages"));
        bytes[4096 + 16] = 1;
        var view = new TestImage().File("/usr/lib/sysimage/rpm/Packages", bytes).View();

        Assert.Equal(3, _cataloger.Catalog(Contexts.For(view, null, _logger)).Count());
        Assert.Equal(["/usr/lib/sysimage/rpm/Packages: bucket 0 leads back to page 1; the rest of its chain is skipped"], _logger.Warnings);
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_skipped_with_a_warning_naming_it()
    {
        var view = new TestImage().File("/var/lib/rpm/rpmdb.sqlite", "hello").View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/var/lib/rpm/rpmdb.sqlite:", StringComparison.Ordinal));
    }

    [Fact]
    public void Its_globs_keep_both_databases_and_the_write_ahead_log()
    {
        var selection = new FileSelection(_cataloger.ContentGlobs);

        Assert.True(selection.WantsContent("/var/lib/rpm/rpmdb.sqlite", 1));
        Assert.True(selection.WantsContent("/var/lib/rpm/rpmdb.sqlite-wal", 1));
        Assert.True(selection.WantsContent("/usr/lib/sysimage/rpm/rpmdb.sqlite", 1));
        Assert.True(selection.WantsContent("/usr/share/rpm/rpmdb.sqlite", 1));
        Assert.True(selection.WantsContent("/var/lib/rpm/Packages", 1));
        Assert.True(selection.WantsContent("/usr/lib/sysimage/rpm/Packages", 1));
        Assert.False(selection.WantsContent("/var/lib/rpm/Packages.db", 1));
    }
}
