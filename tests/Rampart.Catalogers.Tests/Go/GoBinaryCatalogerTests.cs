using Rampart.Catalogers.Go;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.Go;

public sealed class GoBinaryCatalogerTests
{
    private readonly GoBinaryCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    public static TheoryData<string> DebianBinaries() => [.. GoFixture.DebianBinaries];

    [SkippableFact]
    public async Task The_main_module_its_dependency_and_the_standard_library_are_found_in_the_binary()
    {
        var packages = await HelloAsync();

        Assert.Equal(["example.com/rampart/greeting", "example.com/rampart/hello", "stdlib"], packages.Select(p => p.Name));
        Assert.All(packages, p => Assert.Equal(("golang", "go-binary", 1, "amd64"), (p.Type, p.FoundBy, p.Layer, p.Architecture)));
        Assert.All(packages, p => Assert.Equal(["/usr/local/bin/hello"], p.Locations));
        Assert.Empty(_logger.Warnings);
    }

    [SkippableFact]
    public async Task A_main_module_built_from_a_checkout_gets_the_pseudo_version_of_its_commit()
    {
        var hello = (await HelloAsync()).Single(p => p.Name == "example.com/rampart/hello");

        var revision = hello.Properties["goBuildSettings:vcs.revision"];
        Assert.Equal($"v0.0.0-20240506070809-{revision[..12]}", hello.Version);
        Assert.Equal($"pkg:golang/example.com/rampart/hello@v0.0.0-20240506070809-{revision[..12]}", hello.Purl?.ToString());
        Assert.Equal("-X main.version=1.2.3 -s", hello.Properties["goBuildSettings:-ldflags"]);
        Assert.Equal(["example.com/rampart/greeting", "stdlib"], hello.DependsOn);
    }

    [SkippableFact]
    public async Task A_dependency_replaced_by_a_directory_has_no_purl_and_says_what_it_replaces()
    {
        var greeting = (await HelloAsync()).Single(p => p.Name == "example.com/rampart/greeting");

        Assert.Equal("(devel)", greeting.Version);
        Assert.Null(greeting.Purl);
        Assert.Equal("example.com/rampart/greeting@v0.3.0", greeting.Properties["replaces"]);
        Assert.Equal("../greeting", greeting.Properties["replacement"]);
        Assert.Equal("example.com/rampart/hello", greeting.Properties["mainModule"]);
    }

    [SkippableFact]
    public async Task The_standard_library_is_spelled_as_syft_spells_it()
    {
        var hello = await GoFixture.HelloAsync();
        var goVersion = GoVersionM.OracleGoVersion(await GoFixture.VersionMAsync(hello));

        var stdlib = (await HelloAsync()).Single(p => p.Name == "stdlib");

        Assert.Equal(goVersion, stdlib.Version);
        Assert.Equal($"pkg:golang/stdlib@{goVersion[2..]}", stdlib.Purl?.ToString());
        Assert.Equal(["BSD-3-Clause"], stdlib.Licenses);
        Assert.Equal(goVersion, stdlib.Properties["goCompiledVersion"]);
    }

    [SkippableTheory]
    [MemberData(nameof(DebianBinaries))]
    public async Task Every_module_go_version_m_lists_in_a_debian_binary_is_a_package(string binary)
    {
        var oracle = await GoFixture.VersionMAsync(binary);
        var view = new TestImage().Inspected(binary, await File.ReadAllBytesAsync(binary)).View();

        var packages = _cataloger.Catalog(Contexts.For(view, null, _logger)).ToList();

        var modules = GoVersionM.OracleLines(oracle).Where(l => l.StartsWith("dep\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[1]).ToList();
        Assert.All(modules, m => Assert.Contains(packages, p => p.Name == m && p.Purl is not null));
        var main = GoVersionM.OracleLines(oracle).Single(l => l.StartsWith("path\t", StringComparison.Ordinal)).Split('\t')[1];
        Assert.Contains(packages, p => p.Name == main && p.Version == "(devel)" && p.DependsOn.Count == modules.Count + 1);
        Assert.Equal(modules.Count + 2, packages.Count);
        Assert.Empty(_logger.Warnings);
    }

    [SkippableFact]
    public async Task A_binary_deleted_by_a_later_layer_is_not_cataloged()
    {
        var view = new TestImage()
            .Inspected("/usr/local/bin/hello", await File.ReadAllBytesAsync(await GoFixture.HelloAsync()))
            .EmptyLayer().Whiteout("/usr/local/bin/hello")
            .View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
    }

    [SkippableFact]
    public async Task A_binary_of_go_before_1_18_is_reported_naming_it()
    {
        // Go before 1.18 wrote the same header with the inline-strings flag clear and pointers to its strings after it.
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloAsync());
        bytes[bytes.AsSpan().IndexOf(GoBuildInfo.Magic) + GoBuildInfo.Magic.Length + 1] = 0;
        var view = new TestImage().Inspected("/opt/old", bytes).View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.StartsWith("/opt/old: built by Go before 1.18", Assert.Single(_logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Its_inspector_is_what_the_reader_runs_and_it_asks_for_no_file_by_name()
    {
        Assert.Empty(_cataloger.ContentGlobs);
        Assert.Contains(DefaultCatalogers.Inspectors, i => i.Name == GoBuildInfoInspector.InspectorName);
    }

    private async Task<List<Package>> HelloAsync()
    {
        var view = new TestImage()
            .Layer("distro/debian-bookworm")
            .EmptyLayer()
            .Inspected("/usr/local/bin/hello", await File.ReadAllBytesAsync(await GoFixture.HelloAsync()))
            .View();
        return _cataloger.Catalog(Contexts.For(view, null, _logger)).ToList();
    }
}
