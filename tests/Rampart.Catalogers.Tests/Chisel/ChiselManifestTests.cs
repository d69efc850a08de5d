using Rampart.Catalogers.Chisel;

namespace Rampart.Catalogers.Tests.Chisel;

public sealed class ChiselManifestTests
{
    private readonly List<string> _warnings = [];

    [Fact]
    public void Packages_get_the_paths_of_their_slices_without_directories()
    {
        var text = """
            {"jsonwall":"1.0","schema":"1.0","count":4}
            {"kind":"package","name":"libc6","version":"2.39-0ubuntu8.3","sha256":"ab","arch":"amd64"}
            {"kind":"path","path":"/usr/lib/","mode":"0755","slices":["libc6_libs"]}
            {"kind":"path","path":"/usr/lib/libc.so.6","mode":"0644","slices":["libc6_libs","libc6_more"]}
            {"kind":"slice","name":"libc6_libs"}
            """;

        var package = Assert.Single(ChiselManifest.Parse(text, _warnings.Add));

        Assert.Equal(("libc6", "2.39-0ubuntu8.3", "amd64", "ab"), (package.Name, package.Version, package.Architecture, package.Sha256));
        Assert.Equal(["/usr/lib/libc.so.6"], package.Files);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Lines_that_are_not_json_objects_and_nameless_packages_are_skipped_with_warnings()
    {
        var text = "{\"jsonwall\":\"1.0\"}\nnot json\n[1]\n{\"kind\":\"package\",\"version\":\"1\"}\n{\"kind\":\"package\",\"name\":\"a\",\"version\":\"1\"}\n";

        Assert.Equal("a", Assert.Single(ChiselManifest.Parse(text, _warnings.Add)).Name);
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void Unexpected_value_types_are_ignored()
    {
        var text = "{\"kind\":\"package\",\"name\":\"a\",\"version\":\"1\",\"arch\":5}\n{\"kind\":\"path\",\"path\":\"/x\",\"slices\":\"a_b\"}\n";

        var package = Assert.Single(ChiselManifest.Parse(text, _warnings.Add));

        Assert.Null(package.Architecture);
        Assert.Empty(package.Files);
    }
}
