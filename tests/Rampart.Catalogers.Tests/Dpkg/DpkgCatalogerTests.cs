using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Dpkg;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Dpkg;

public sealed class DpkgCatalogerTests
{
    private readonly DpkgCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> CatalogBookworm()
    {
        var view = new TestImage().Layer("dpkg/debian-bookworm").Symlink("/etc/os-release", "../usr/lib/os-release").View();
        return _cataloger.Catalog(Contexts.For(view, OsReleaseReader.Read(view, _logger), _logger)).ToList();
    }

    [Fact]
    public void Every_installed_package_of_a_real_status_file_is_found_in_name_order()
    {
        var packages = CatalogBookworm();

        Assert.Equal(
            ["base-files", "bash", "bsdutils", "coreutils", "debianutils", "libc6", "libgcc-s1", "libpam-runtime", "mawk", "tzdata", "zlib1g"],
            packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("deb", "dpkg-db", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.All(packages, p => Assert.Equal(["/var/lib/dpkg/status"], p.Locations));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Purl_keeps_the_epoch_in_the_version_and_names_the_source_as_upstream()
    {
        var zlib = CatalogBookworm().Single(p => p.Name == "zlib1g");

        Assert.Equal("1:1.2.13.dfsg-1", zlib.Version);
        Assert.Equal("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12.11&upstream=zlib", zlib.Purl?.ToString());
    }

    [Fact]
    public void Upstream_carries_the_source_version_when_the_status_gives_one()
    {
        var bsdutils = CatalogBookworm().Single(p => p.Name == "bsdutils");

        Assert.Equal("util-linux", bsdutils.SourceName);
        Assert.Equal(
            "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12.11&upstream=util-linux%402.38.1-5%2Bdeb12u3",
            bsdutils.Purl?.ToString());
    }

    [Fact]
    public void A_package_without_source_has_no_upstream_qualifier()
    {
        var coreutils = CatalogBookworm().Single(p => p.Name == "coreutils");

        Assert.Equal("pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12.11", coreutils.Purl?.ToString());
    }

    [Fact]
    public void Maintainer_is_the_supplier_and_the_first_description_line_the_description()
    {
        var libc = CatalogBookworm().Single(p => p.Name == "libc6");

        Assert.Equal("GNU Libc Maintainers <debian-glibc@lists.debian.org>", libc.Supplier);
        Assert.Equal("GNU C Library: Shared libraries", libc.Description);
        Assert.Equal("amd64", libc.Architecture);
    }

    [Fact]
    public void Files_of_a_multi_arch_library_come_from_its_arch_qualified_list_and_md5sums()
    {
        var zlib = CatalogBookworm().Single(p => p.Name == "zlib1g");

        Assert.Contains("/lib/x86_64-linux-gnu/libz.so.1.2.13", zlib.Files);
        Assert.Contains("/lib/x86_64-linux-gnu/libz.so.1", zlib.Files);
        Assert.DoesNotContain("/.", zlib.Files);
        Assert.Equal(zlib.Files.Order(StringComparer.Ordinal), zlib.Files);
    }

    [Fact]
    public void Files_merge_list_md5sums_and_conffiles()
    {
        var bash = CatalogBookworm().Single(p => p.Name == "bash");

        Assert.Contains("/bin/bash", bash.Files);
        Assert.Contains("/etc/bash.bashrc", bash.Files);
        Assert.Contains("/usr/share/doc/bash/copyright", bash.Files);
        Assert.Equal(bash.Files.Distinct(StringComparer.Ordinal).Count(), bash.Files.Count);
    }

    [Fact]
    public void Licenses_come_from_the_copyright_file()
    {
        var packages = CatalogBookworm();

        Assert.Equal(["Zlib"], packages.Single(p => p.Name == "zlib1g").Licenses);
        Assert.Equal(["GPL"], packages.Single(p => p.Name == "base-files").Licenses);
        Assert.Empty(packages.Single(p => p.Name == "coreutils").Licenses);
    }

    [Fact]
    public void Dependencies_merge_pre_depends_and_depends_by_name()
    {
        var bash = CatalogBookworm().Single(p => p.Name == "bash");

        Assert.Equal(["libc6", "libtinfo6", "base-files", "debianutils"], bash.DependsOn);
    }

    [Fact]
    public void A_virtual_dependency_resolves_to_the_installed_provider()
    {
        var baseFiles = CatalogBookworm().Single(p => p.Name == "base-files");

        Assert.Equal(["mawk"], baseFiles.DependsOn);
    }

    [Fact]
    public void Alternatives_that_are_not_installed_leave_the_first_one_as_written()
    {
        var pam = CatalogBookworm().Single(p => p.Name == "libpam-runtime");

        Assert.Equal(["debconf", "libpam-modules"], pam.DependsOn);
    }

    [Fact]
    public void Distroless_status_d_files_are_packages_with_md5sums_beside_them()
    {
        var view = new TestImage().Layer("dpkg/distroless").View();

        var packages = _cataloger.Catalog(Contexts.For(view, Contexts.Os("debian", "12"), _logger)).ToList();

        Assert.Equal(["libssl3", "netbase"], packages.Select(p => p.Name));
        var ssl = packages[0];
        Assert.Equal(["/var/lib/dpkg/status.d/libssl3"], ssl.Locations);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/libssl.so.3", ssl.Files);
        Assert.Equal("pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl", ssl.Purl?.ToString());
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Ubuntu_packages_are_in_the_ubuntu_namespace()
    {
        var view = new TestImage().File("/var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.39-0ubuntu8\n").View();

        var package = Assert.Single(_cataloger.Catalog(Contexts.For(view, Contexts.Os("ubuntu", "24.04", "debian"))));

        Assert.Equal("pkg:deb/ubuntu/libc6@2.39-0ubuntu8?arch=amd64&distro=ubuntu-24.04", package.Purl?.ToString());
    }

    [Fact]
    public void Without_a_debian_like_distribution_there_is_no_purl_as_in_syft()
    {
        var view = new TestImage().File("/var/lib/dpkg/status", "Package: a\nVersion: 1\n").View();

        Assert.Null(Assert.Single(_cataloger.Catalog(Contexts.For(view, Contexts.Os("alpine", "3.20")))).Purl);
        Assert.Null(Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Purl);
    }

    [Fact]
    public void Packages_not_installed_are_left_out()
    {
        var view = new TestImage().File("/var/lib/dpkg/status", "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n\nPackage: here\nStatus: install ok installed\nVersion: 1\n").View();

        Assert.Equal("here", Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Name);
    }

    [Fact]
    public void The_layer_is_the_one_that_last_wrote_the_database()
    {
        var view = new TestImage()
            .Layer("dpkg/debian-bookworm")
            .EmptyLayer()
            .File("/var/lib/dpkg/status", "Package: only\nStatus: install ok installed\nVersion: 1\n")
            .View();

        var package = Assert.Single(_cataloger.Catalog(Contexts.For(view, null)));

        Assert.Equal(1, package.Layer);
    }

    [Fact]
    public void A_database_in_a_chroot_is_read_with_its_own_companion_files()
    {
        var view = new TestImage()
            .File("/srv/root/var/lib/dpkg/status", "Package: a\nArchitecture: all\nVersion: 1\n")
            .File("/srv/root/var/lib/dpkg/info/a.list", "/.\n/usr/bin/a\n")
            .File("/srv/root/usr/share/doc/a/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: MIT\n")
            .View();

        var package = Assert.Single(_cataloger.Catalog(Contexts.For(view, null)));

        Assert.Equal(["/usr/bin/a"], package.Files);
        Assert.Equal(["MIT"], package.Licenses);
        Assert.Equal(["/srv/root/var/lib/dpkg/status"], package.Locations);
    }

    [Fact]
    public void A_copyright_reached_through_a_doc_symlink_is_read()
    {
        var view = new TestImage()
            .File("/var/lib/dpkg/status", "Package: libgcc-s1\nVersion: 1\n")
            .Symlink("/usr/share/doc/libgcc-s1", "gcc-12-base")
            .File("/usr/share/doc/gcc-12-base/copyright", "see /usr/share/common-licenses/GPL-3\n")
            .View();

        Assert.Equal(["GPL-3"], Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Licenses);
    }

    [Fact]
    public void A_database_whose_bytes_were_not_kept_is_skipped_with_a_warning_naming_it()
    {
        var view = new TestImage().FileWithoutContent("/var/lib/dpkg/status").View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.Contains("/var/lib/dpkg/status", StringComparison.Ordinal) && w.Contains("not kept", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_paragraphs_are_reported_with_the_file_name()
    {
        var view = new TestImage().File("/var/lib/dpkg/status", "Package: broken\n\nPackage: ok\nVersion: 1\n").View();

        Assert.Equal("ok", Assert.Single(_cataloger.Catalog(Contexts.For(view, null, _logger))).Name);
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/var/lib/dpkg/status:", StringComparison.Ordinal));
    }

    [Fact]
    public void Its_globs_keep_the_database_and_its_companions()
    {
        var selection = new Rampart.Core.Files.FileSelection(_cataloger.ContentGlobs);

        Assert.True(selection.WantsContent("/var/lib/dpkg/status", 1));
        Assert.True(selection.WantsContent("/var/lib/dpkg/status.d/libssl3", 1));
        Assert.True(selection.WantsContent("/var/lib/dpkg/info/zlib1g:amd64.md5sums", 1));
        Assert.True(selection.WantsContent("/usr/share/doc/bash/copyright", 1));
        Assert.False(selection.WantsContent("/var/lib/dpkg/status-old", 1));
        Assert.False(selection.WantsContent("/usr/bin/bash", 1));
    }
}
