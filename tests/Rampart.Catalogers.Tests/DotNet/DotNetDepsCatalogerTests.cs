using Rampart.Catalogers.DotNet;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Tests.DotNet;

public sealed class DotNetDepsCatalogerTests
{
    private readonly DotNetDepsCataloger _cataloger = new();
    private readonly ListLogger _logger = new();

    private List<Package> App() =>
        _cataloger.Catalog(Contexts.For(new TestImage().Layer("dotnet/app").View(), null, _logger)).ToList();

    [Fact]
    public void Every_package_library_with_runtime_assets_is_found_and_the_project_is_not()
    {
        var packages = App();

        Assert.Equal(24, packages.Count);
        Assert.DoesNotContain(packages, p => p.Name == "CycloneDX");
        Assert.All(packages, p => Assert.Equal(("nuget", "dotnet-deps", 0), (p.Type, p.FoundBy, p.Layer)));
        Assert.All(packages, p => Assert.Equal(["/app/CycloneDX.deps.json"], p.Locations));
        Assert.Equal(packages.Select(p => p.Name).Order(StringComparer.Ordinal), packages.Select(p => p.Name));
        Assert.Empty(_logger.Warnings);
    }

    [Fact]
    public void The_purl_keeps_the_name_case_and_dependencies_come_from_the_target()
    {
        var packaging = App().Single(p => p.Name == "NuGet.Packaging");

        Assert.Equal("pkg:nuget/NuGet.Packaging@7.6.0", packaging.Purl?.ToString());
        Assert.Equal(["Newtonsoft.Json", "NuGet.Configuration", "NuGet.Versioning", "System.Security.Cryptography.Pkcs"], packaging.DependsOn);
    }

    [Fact]
    public void A_package_without_runtime_assets_in_the_target_is_left_out()
    {
        var json = """
            {"runtimeTarget":{"name":"t"},
             "targets":{"t":{"A/1.0.0":{"runtime":{"lib/A.dll":{}}},"Meta/2.0.0":{"dependencies":{"A":"1.0.0"}}}},
             "libraries":{"A/1.0.0":{"type":"package","sha512":"sha512-x"},"Meta/2.0.0":{"type":"package"}}}
            """;

        var packages = DepsJson.Parse(System.Text.Encoding.UTF8.GetBytes(json), _ => { });

        Assert.Equal(("A", "1.0.0", "sha512-x"), (Assert.Single(packages).Name, packages[0].Version, packages[0].Sha512));
    }

    [Fact]
    public void Without_a_target_every_package_library_counts_and_runtime_packs_lose_their_prefix()
    {
        var json = """{"libraries":{"A/1.0.0":{"type":"package"},"runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.1":{"type":"runtimepack"},"P/1":{"type":"project"},"bad":{"type":"package"}}}""";

        var packages = DepsJson.Parse(System.Text.Encoding.UTF8.GetBytes(json), _ => { });

        Assert.Equal(["A", "Microsoft.NETCore.App.Runtime.linux-x64"], packages.Select(p => p.Name));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"targets\":{}}")]
    public void Broken_manifests_are_skipped_with_a_warning_naming_them(string json)
    {
        var view = new TestImage().File("/app/x.deps.json", json).View();

        Assert.Empty(_cataloger.Catalog(Contexts.For(view, null, _logger)));
        Assert.Contains(_logger.Warnings, w => w.StartsWith("/app/x.deps.json:", StringComparison.Ordinal));
    }
}
