using Rampart.Catalogers.Apk;
using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Apk;

public sealed class ApkCatalogerTests
{
    private readonly ApkCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> Catalog(IFileView view) =>
        _cataloger.Catalog(Contexts.For(view, OsReleaseReader.Read(view, _logger), _logger)).ToList();

    private List<Package> Alpine() => Catalog(new TestImage().Layer("apk/alpine-3.20").View());

    [Fact]
    public void Packages_are_found_in_name_order_with_their_database_and_layer()
    {
        var packages = Alpine();

        Assert.Equal(["busybox", "libcrypto3", "libssl3", "musl", "scanelf", "ssl_client", "zlib"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("apk", "apk-db", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.All(packages, p => Assert.Equal(["/lib/apk/db/installed"], p.Locations));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void Purl_names_the_distribution_and_the_origin_when_it_differs()
    {
        var packages = Alpine();

        Assert.Equal(
            "pkg:apk/alpine/ssl_client@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3&upstream=busybox",
            packages.Single(p => p.Name == "ssl_client").Purl?.ToString());
        Assert.Equal("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3", packages.Single(p => p.Name == "musl").Purl?.ToString());
    }

    [Fact]
    public void Maintainer_origin_description_and_license_are_carried()
    {
        var ssl = Alpine().Single(p => p.Name == "libssl3");

        Assert.Equal("Ariadne Conill <ariadne@dereferenced.org>", ssl.Supplier);
        Assert.Equal("openssl", ssl.SourceName);
        Assert.Equal("SSL shared libraries", ssl.Description);
        Assert.Equal(["Apache-2.0"], ssl.Licenses);
        Assert.Equal("x86_64", ssl.Architecture);
        Assert.Equal(["/usr/lib/libssl.so.3"], ssl.Files);
    }

    [Fact]
    public void Shared_object_dependencies_resolve_to_their_providers_and_conflicts_are_dropped()
    {
        Assert.Equal(["musl", "libcrypto3"], Alpine().Single(p => p.Name == "libssl3").DependsOn);
    }

    [Fact]
    public void A_path_dependency_resolves_to_the_package_owning_or_providing_the_path()
    {
        Assert.Equal(["busybox", "musl"], Alpine().Single(p => p.Name == "scanelf").DependsOn);
    }

    [Fact]
    public void Version_constraints_are_stripped_before_resolving()
    {
        Assert.Equal(["musl"], Alpine().Single(p => p.Name == "zlib").DependsOn);
    }

    [Fact]
    public void Wolfi_database_under_usr_is_found_once_through_the_lib_symlink_with_the_wolfi_namespace()
    {
        var view = new TestImage().Layer("apk/wolfi").Symlink("/lib", "usr/lib").View();

        var packages = Catalog(view);

        Assert.Equal(["ca-certificates-bundle", "glibc", "wolfi-baselayout"], packages.Select(p => p.Name));
        Assert.Equal(
            "pkg:apk/wolfi/ca-certificates-bundle@20240705-r0?arch=x86_64&distro=wolfi-20230201&upstream=ca-certificates",
            packages[0].Purl?.ToString());
        Assert.All(packages, p => Assert.Equal(["/usr/lib/apk/db/installed"], p.Locations));
    }

    [Fact]
    public void An_spdx_expression_license_is_kept_whole_and_an_empty_maintainer_is_none()
    {
        var bundle = Catalog(new TestImage().Layer("apk/wolfi").View()).Single(p => p.Name == "ca-certificates-bundle");

        Assert.Equal(["MPL-2.0 AND MIT"], bundle.Licenses);
        Assert.Null(bundle.Supplier);
    }

    [Fact]
    public void A_space_separated_license_list_is_split()
    {
        var view = new TestImage().File("/lib/apk/db/installed", "P:old\nV:1-r0\nL:MIT BSD GPL2+\n").View();

        Assert.Equal(["MIT", "BSD", "GPL2+"], Assert.Single(Catalog(view)).Licenses);
    }

    [Fact]
    public void Without_a_known_distribution_the_namespace_is_alpine_and_there_is_no_distro()
    {
        var view = new TestImage().File("/lib/apk/db/installed", "P:a\nV:1-r0\nA:aarch64\n").View();

        var package = Assert.Single(_cataloger.Catalog(Contexts.For(view, null)));

        Assert.Equal("pkg:apk/alpine/a@1-r0?arch=aarch64", package.Purl?.ToString());
    }

    [Fact]
    public void A_database_whose_bytes_were_not_kept_is_reported()
    {
        var view = new TestImage().FileWithoutContent("/lib/apk/db/installed").View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/lib/apk/db/installed:", StringComparison.Ordinal));
    }

    [Fact]
    public void Its_glob_keeps_both_database_locations()
    {
        var selection = new FileSelection(_cataloger.ContentGlobs);

        Assert.True(selection.WantsContent("/lib/apk/db/installed", 1));
        Assert.True(selection.WantsContent("/usr/lib/apk/db/installed", 1));
        Assert.False(selection.WantsContent("/lib/apk/db/lock", 1));
    }
}
