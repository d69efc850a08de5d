using Rampart.Catalogers.Chisel;
using Rampart.Catalogers.Distro;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Chisel;

public sealed class ChiselCatalogerTests
{
    private readonly ChiselCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    [Fact]
    public void A_zstd_manifest_of_a_chiselled_ubuntu_image_lists_its_packages()
    {
        var view = new TestImage().Layer("chisel/ubuntu-noble").View();

        var packages = _cataloger.Catalog(Contexts.For(view, OsReleaseReader.Read(view, _logger), _logger)).ToList();

        Assert.Equal(["base-files", "ca-certificates", "libc6", "libssl3t64", "zlib1g"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("deb", "chisel-manifest", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.All(packages, p => Assert.Equal(["/var/lib/chisel/manifest.wall"], p.Locations));
        var zlib = packages[^1];
        Assert.Equal("pkg:deb/ubuntu/zlib1g@1:1.3.dfsg-3.1ubuntu2.1?arch=amd64&distro=ubuntu-24.04", zlib.Purl?.ToString());
        Assert.Equal(["/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1.3", "/usr/share/doc/zlib1g/copyright"], zlib.Files);
        Assert.Equal(["Zlib"], zlib.Licenses);
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void An_uncompressed_manifest_is_read_as_it_is()
    {
        var view = new TestImage().File("/var/lib/chisel/manifest.wall", "{\"kind\":\"package\",\"name\":\"a\",\"version\":\"1\",\"arch\":\"all\"}\n").View();

        Assert.Equal("a", Assert.Single(_cataloger.Catalog(Contexts.For(view, null))).Name);
    }

    [Fact]
    public void A_broken_zstd_stream_is_skipped_with_a_warning_naming_the_manifest()
    {
        var view = new TestImage().File("/var/lib/chisel/manifest.wall", [0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3, 4, 5, 6, 7]).View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/var/lib/chisel/manifest.wall:", StringComparison.Ordinal));
    }
}
