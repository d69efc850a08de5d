using Rampart.Catalogers.Rust;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;
using Commands = Rampart.Testing.Commands;
using TempDirectory = Rampart.Testing.TempDirectory;

namespace Rampart.Catalogers.Tests.Rust;

public sealed class CargoAuditableCatalogerTests
{
    private readonly CargoAuditableCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    [SkippableFact]
    public async Task The_runtime_crates_of_an_auditable_binary_are_packages_and_its_build_dependencies_are_not()
    {
        var packages = Catalog(await File.ReadAllBytesAsync(await RustFixture.AuditableAsync()));

        Assert.Equal(["rampart-audit-fixture", "rampart-helper", "rampart-leaf"], packages.Select(p => p.Name));
        Assert.Equal(["0.1.0", "0.2.0", "0.3.1"], packages.Select(p => p.Version));
        Assert.Equal(
            ["pkg:cargo/rampart-audit-fixture@0.1.0", "pkg:cargo/rampart-helper@0.2.0", "pkg:cargo/rampart-leaf@0.3.1"],
            packages.Select(p => p.Purl?.ToString()));
        Assert.All(packages, p => Assert.Equal(("cargo", "cargo-auditable", 0, "local"), (p.Type, p.FoundBy, p.Layer, p.Properties["source"])));
        Assert.All(packages, p => Assert.Equal(["/usr/local/bin/fixture"], p.Locations));
        Assert.Empty(_logger.Warnings);
    }

    [SkippableFact]
    public async Task Each_crate_depends_on_the_runtime_crates_it_lists_and_the_root_is_marked()
    {
        var packages = Catalog(await File.ReadAllBytesAsync(await RustFixture.LinkedAsync()));

        Assert.Equal(["rampart-helper"], packages.Single(p => p.Name == "rampart-audit-fixture").DependsOn);
        Assert.Equal(["rampart-leaf"], packages.Single(p => p.Name == "rampart-helper").DependsOn);
        Assert.Equal("true", packages.Single(p => p.Name == "rampart-audit-fixture").Properties["root"]);
        Assert.DoesNotContain("root", packages.Single(p => p.Name == "rampart-leaf").Properties.Keys);
    }

    [SkippableFact]
    public async Task A_section_that_cannot_be_read_is_reported_naming_the_binary()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.Combine("plain"), "not compressed");
        await Commands.RunAsync("objcopy", ["--update-section", $".dep-v0={directory.Combine("plain")}", await RustFixture.AuditableAsync(), directory.Combine("changed")]);

        Assert.Empty(Catalog(await File.ReadAllBytesAsync(directory.Combine("changed"))));
        Assert.Equal("/usr/local/bin/fixture: its .dep-v0 section does not hold zlib-compressed JSON", Assert.Single(_logger.Warnings));
    }

    [Fact]
    public void Its_inspector_is_what_the_reader_runs_and_it_asks_for_no_file_by_name()
    {
        Assert.Empty(_cataloger.ContentGlobs);
        Assert.Contains(DefaultCatalogers.Inspectors, i => i.Name == CargoAuditInspector.InspectorName);
    }

    private List<Package> Catalog(byte[] binary)
    {
        var view = new TestImage().Inspected("/usr/local/bin/fixture", binary).View();
        return _cataloger.Catalog(Contexts.For(view, null, _logger)).ToList();
    }
}
