using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Rampart.Catalogers;
using Rampart.Catalogers.Distro;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Scanning;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Reporting.CycloneDx;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Engine;

/// <summary>
/// Go and Rust executables copied into an image the engine builds are found in its layers wherever they sit: the Go
/// fixture program and the cargo-auditable fixture of the catalogers' tests, built with the real toolchains, end up
/// in the CycloneDX BOM with their modules and crates.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class BinaryPackagesTests(EngineFixture fixture)
{
    private const string Tag = "rampart-test/binaries:1";

    [SkippableFact]
    public async Task Go_modules_and_rust_crates_of_binaries_in_an_engine_built_image_are_in_its_sbom()
    {
        fixture.Require();
        TestEnvironment.Require(Commands.Exists("go") ? null : "go is not installed (apt-get install -y golang-go; tests/run.sh does)");
        TestEnvironment.Require(Commands.Exists("cargo") ? null : "cargo is not installed");
        var context = Path.Combine(fixture.WorkDirectory, "binaries");
        Directory.CreateDirectory(context);
        var fixtures = Path.Combine(TestEnvironment.FixturesDirectory, "binaries");
        await Commands.RunAsync("sh", [Path.Combine(fixtures, "go", "build.sh"), context]);
        await Commands.RunAsync("sh", [Path.Combine(fixtures, "rust", "build.sh"), context]);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"""
            FROM {EngineFixture.BaseImage}
            COPY hello /usr/local/bin/hello
            COPY auditable /opt/tools/auditable
            """);
        await fixture.DockerAsync("build", "--quiet", "--network", "host", "--tag", Tag, context);

        var selection = new FileSelection(DefaultCatalogers.ContentGlobs, inspectors: DefaultCatalogers.Inspectors);
        var snapshot = await new DockerEngineImageSource($"docker:{Tag}", fixture.Engine, ImageReaderOptions.Default).ReadAsync(selection, CancellationToken.None);
        var os = OsReleaseReader.Read(snapshot.Files, NullLogger.Instance);
        var packages = DefaultCatalogers.CatalogAll(new CatalogContext(snapshot.Files, os, NullLogger.Instance));
        using var sbom = new MemoryStream();
        await new CycloneDxWriter(new CycloneDxBomBuilder(TimeProvider.System))
            .WriteAsync(new ImageScan(snapshot.Image, os, packages, DateTimeOffset.UtcNow), sbom, CycloneDxFormat.Json);
        var bom = JsonNode.Parse(sbom.ToArray())!;

        var components = bom["components"]!.AsArray().Select(c => c!).ToList();
        var purls = components.Select(c => (string?)c["purl"]).OfType<string>().ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:golang/example.com/rampart/hello@v0.0.0-20240506070809-", StringComparison.Ordinal));
        Assert.Contains(purls, p => p.StartsWith("pkg:golang/stdlib@1.", StringComparison.Ordinal));
        Assert.Contains(components, c => (string?)c["name"] == "example.com/rampart/greeting" && (string?)c["version"] == "(devel)");
        Assert.Equal(
            ["pkg:cargo/rampart-audit-fixture@0.1.0", "pkg:cargo/rampart-helper@0.2.0", "pkg:cargo/rampart-leaf@0.3.1"],
            purls.Where(p => p.StartsWith("pkg:cargo/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var helper = components.Single(c => (string?)c["purl"] == "pkg:cargo/rampart-helper@0.2.0");
        var properties = helper["properties"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["value"])).ToList();
        Assert.Contains(("rampart:location:0:path", "/opt/tools/auditable"), properties);
        Assert.Contains(("rampart:package:layer", "2"), properties);
        var edges = bom["dependencies"]!.AsArray().Single(d => (string?)d!["ref"] == (string?)helper["bom-ref"])!["dependsOn"]!.AsArray();
        Assert.Equal(["pkg:cargo/rampart-leaf@0.3.1"], edges.Select(e => (string?)e));
        Assert.Contains(packages, p => p.Type == "deb");
    }
}
