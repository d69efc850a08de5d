using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Rampart.Cli.Configuration;
using Rampart.Cli.Scanning;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Files;
using Rampart.Core.Results;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Reporting.CycloneDx;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Packages;

/// <summary>
/// The layer that introduced each package, in an image the engine builds from the Debian minbase base: a later RUN
/// installs a .deb made here with dpkg-deb, so dpkg rewrites its status file in that layer. The base image's packages
/// must still say layer 0, in the scan, the SBOM and the results; the new one its own layer.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class IntroducedLayerTests(EngineFixture fixture)
{
    private const string Tag = "rampart-test/introduced-layer:1";

    private static readonly string Dockerfile = $"""
        FROM {EngineFixture.BaseImage}
        COPY rampart-demo_1.0_all.deb /tmp/
        RUN dpkg -i /tmp/rampart-demo_1.0_all.deb && rm /tmp/rampart-demo_1.0_all.deb
        """;

    [SkippableFact]
    public async Task Base_packages_say_layer_0_and_the_package_a_later_RUN_installed_says_its_layer()
    {
        fixture.Require();
        TestEnvironment.Require(Commands.Exists("dpkg-deb") ? null : "dpkg-deb is not installed");
        var context = Path.Combine(fixture.WorkDirectory, "introduced-layer");
        await MakeDebAsync(Path.Combine(fixture.WorkDirectory, "introduced-layer-package"), Path.Combine(context, "rampart-demo_1.0_all.deb"));
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), Dockerfile);
        await fixture.DockerAsync("build", "--quiet", "--network", "host", "--tag", Tag, context);

        var scanner = new ImageScanner(new FindingPolicy(new PolicySettings(), DateOnly.FromDateTime(DateTime.UtcNow)), new Dictionary<string, double>(), TimeProvider.System, NullLogger.Instance);
        var source = new DockerEngineImageSource($"docker:{Tag}", fixture.Engine, ImageReaderOptions.Default);
        var analysis = await scanner.ScanAsync(source, DockerfileParser.Parse(Dockerfile), FileSelection.DefaultMaxFileBytes, CancellationToken.None);
        var scan = analysis.Scan;

        Assert.Equal(3, scan.Image.Layers.Count);
        var debs = scan.Packages.Where(p => p.Type == "deb").ToList();
        Assert.True(debs.Count > 50, $"the minbase image has about a hundred packages, not {debs.Count}");
        var demo = debs.Single(p => p.Name == "rampart-demo");
        Assert.Equal((2, 2), (demo.Layer, demo.IntroducedLayer));
        Assert.All(debs.Where(p => p != demo), p => Assert.Equal((p.Name, 2, 0), (p.Name, p.Layer, p.IntroducedLayer)));

        using var sbom = new MemoryStream();
        await new CycloneDxWriter(new CycloneDxBomBuilder(TimeProvider.System)).WriteAsync(scan, sbom, CycloneDxFormat.Json);
        using var bom = JsonDocument.Parse(sbom.ToArray());
        Dictionary<string, string> PropertiesOf(string name) => bom.RootElement.GetProperty("components").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name)
            .GetProperty("properties").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!);
        Assert.Equal("2", PropertiesOf("libc6")["rampart:package:layer"]);
        Assert.Equal("0", PropertiesOf("libc6")["rampart:package:introducedLayer"]);
        Assert.Equal(scan.Image.Layers[0].DiffId, PropertiesOf("libc6")["aquasecurity:trivy:LayerDiffID"]);
        Assert.Equal("2", PropertiesOf("rampart-demo")["rampart:package:introducedLayer"]);
        Assert.Equal(scan.Image.Layers[2].DiffId, PropertiesOf("rampart-demo")["aquasecurity:trivy:LayerDiffID"]);

        var result = ImageResult.From(scan, analysis.Findings, analysis.LockIn, null, analysis.Boundary);
        Assert.Equal(1, result.FirstApplicationLayer);
        Assert.Equal(0, result.Packages.Single(p => p.Name == "libc6").IntroducedLayer);
        Assert.Equal(2, result.Packages.Single(p => p.Name == "rampart-demo").IntroducedLayer);
        Assert.Equal(1, result.Ecosystems.Single(e => e.Type == "deb").InApplicationLayers);
    }

    /// <summary>A package with one file, built by dpkg-deb: dpkg installs it offline, from the build context.</summary>
    private static async Task MakeDebAsync(string root, string output)
    {
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        Directory.CreateDirectory(Path.Combine(root, "usr", "share", "rampart-demo"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(Path.Combine(root, "usr", "share", "rampart-demo", "hello.txt"), "hello from a later layer\n");
        await File.WriteAllTextAsync(Path.Combine(root, "DEBIAN", "control"), """
            Package: rampart-demo
            Version: 1.0
            Architecture: all
            Maintainer: Rampart tests <tests@rampart.invalid>
            Description: A package a later image layer installs

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        await Commands.RunAsync("dpkg-deb", ["--root-owner-group", "--build", root, output]);
    }
}
