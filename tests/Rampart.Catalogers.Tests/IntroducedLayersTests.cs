using Rampart.Catalogers.Common;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests;

/// <summary>
/// The layer that introduced each package, over dpkg databases that real dpkg runs left in successive layers
/// (testdata/dpkg/layers): every layer that installs or removes a package rewrites the one status file.
/// </summary>
public sealed class IntroducedLayersTests
{
    private static readonly OsRelease Debian = Contexts.Os("debian", "12");

    private static List<Package> Scan(TestImage image)
    {
        var view = image.View();
        var found = DefaultCatalogers.All.SelectMany(c => c.Catalog(Contexts.For(view, Debian))).ToList();
        var assigned = IntroducedLayers.Assign(found, image.Layers, DefaultCatalogers.All, Debian);
        Assert.Equal(found.Select(p => p with { IntroducedLayer = null }), assigned.Select(p => p with { IntroducedLayer = null }));
        return [.. assigned];
    }

    private static (int? Layer, int? Introduced) Of(List<Package> packages, string name)
    {
        var package = packages.Single(p => p.Name == name);
        return (package.Layer, package.IntroducedLayer);
    }

    [Fact]
    public void Base_packages_stay_in_the_base_layer_when_a_later_layer_rewrites_dpkgs_database()
    {
        var packages = Scan(new TestImage().Layer("dpkg/layers/0-base").Layer("dpkg/layers/1-install"));

        Assert.Equal(12, packages.Count);
        Assert.All(packages.Where(p => p.Name != "rampart-demo"), p => Assert.Equal((1, 0), (p.Layer, p.IntroducedLayer)));
        Assert.Equal((1, 1), Of(packages, "rampart-demo"));
    }

    [Fact]
    public void An_upgrade_introduces_the_new_version_and_a_reinstall_starts_over()
    {
        var packages = Scan(new TestImage()
            .Layer("dpkg/layers/0-base")
            .Layer("dpkg/layers/1-install")
            .Layer("dpkg/layers/2-upgrade")
            .Layer("dpkg/layers/3-reinstall"));

        Assert.Equal((3, 0), Of(packages, "bash"));
        Assert.Equal("1:1.3.1-1", packages.Single(p => p.Name == "zlib1g").Version);
        Assert.Equal((3, 2), Of(packages, "zlib1g"));
        Assert.Equal((3, 3), Of(packages, "rampart-demo"));
    }

    [Fact]
    public void Layers_that_leave_the_database_alone_do_not_break_the_run()
    {
        var packages = Scan(new TestImage()
            .Layer("dpkg/layers/0-base")
            .EmptyLayer().File("/srv/app/config.txt", "port=8080\n")
            .Layer("dpkg/layers/1-install"));

        Assert.Equal((2, 0), Of(packages, "bash"));
        Assert.Equal((2, 2), Of(packages, "rampart-demo"));
    }

    [Theory]
    [InlineData("/var/lib/dpkg/status")]
    [InlineData("/var/lib/dpkg")]
    public void A_layer_that_deletes_the_database_starts_it_over(string deleted)
    {
        var packages = Scan(new TestImage()
            .Layer("dpkg/layers/0-base")
            .EmptyLayer().Whiteout(deleted)
            .Layer("dpkg/layers/1-install"));

        Assert.Equal((2, 2), Of(packages, "bash"));
    }

    [Fact]
    public void An_earlier_copy_whose_bytes_were_not_kept_does_not_move_a_package_down()
    {
        var packages = Scan(new TestImage().FileWithoutContent("/var/lib/dpkg/status").Layer("dpkg/layers/1-install"));

        Assert.Equal((1, 1), Of(packages, "bash"));
    }

    [Fact]
    public void A_package_whose_manifest_one_layer_wrote_was_introduced_by_that_layer()
    {
        var packages = Scan(new TestImage().Layer("dpkg/layers/0-base").Layer("npm/debian").Layer("dpkg/layers/1-install"));

        Assert.Equal((1, 1), Of(packages, "semver"));
        Assert.Equal((2, 0), Of(packages, "bash"));
    }
}
