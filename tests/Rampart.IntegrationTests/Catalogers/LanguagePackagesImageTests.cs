using System.Collections;
using System.Text.Json.Nodes;
using Rampart.Cli;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Reporting.CycloneDx;
using Rampart.Reporting.Tests.CycloneDx;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Catalogers;

/// <summary>
/// Java archives (a jar, and a war with jars inside), installed gem specifications and a Composer installed.json
/// placed into an image the engine builds from the Debian minbase base, which has no language packages of its own:
/// the SBOM <c>rampart sbom</c> writes of it must list exactly those, where they were put, and be valid CycloneDX.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class LanguagePackagesImageTests(EngineFixture fixture, LanguagePackagesImage image) : IClassFixture<LanguagePackagesImage>
{
    private const string InstalledJson = "/var/www/app/vendor/composer/installed.json";
    private const string Gems = "/usr/lib/ruby/gems/3.1.0/specifications";
    private const string War = "/usr/local/tomcat/webapps/shop.war";

    // What the image was given, as purl and evidence path: the oracle.
    private static readonly string[] Placed =
    [
        $"pkg:composer/monolog/monolog@3.5.0 {InstalledJson}",
        $"pkg:composer/phpunit/php-timer@6.0.0 {InstalledJson}",
        $"pkg:composer/psr/log@3.0.0 {InstalledJson}",
        $"pkg:composer/symfony/polyfill-mbstring@v1.28.0 {InstalledJson}",
        $"pkg:gem/bundler@2.3.7 {Gems}/default/bundler-2.3.7.gemspec",
        $"pkg:gem/json@2.6.1 {Gems}/default/json-2.6.1.gemspec",
        "pkg:gem/net-telnet@0.2.0 /usr/share/rubygems-integration/all/specifications/net-telnet-0.2.0.gemspec",
        $"pkg:gem/power_assert@2.0.1 {Gems}/power_assert-2.0.1.gemspec",
        $"pkg:gem/test-unit@3.5.3 {Gems}/test-unit-3.5.3.gemspec",
        $"pkg:maven/com.example/shop@5.0.0 {War}",
        $"pkg:maven/legacy-lib/legacy-lib@0.9 {War}:WEB-INF/lib/legacy-lib-0.9.jar",
        "pkg:maven/org.example/commons-demo@1.4.2 /opt/app/lib/commons-demo-1.4.2.jar",
        $"pkg:maven/org.example/commons-demo@1.4.2 {War}:WEB-INF/lib/commons-demo-1.4.2.jar",
    ];

    [SkippableFact]
    public async Task The_sbom_lists_exactly_the_language_packages_placed_in_the_image()
    {
        var bom = (await image.SbomAsync(fixture)).Bom;

        var languagePackages = Components(bom)
            .Where(c => (string?)c["purl"] is { } purl && !purl.StartsWith("pkg:deb/", StringComparison.Ordinal))
            .Select(c => $"{c["purl"]} {Property(c, "rampart:location:0:path")}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(Placed, languagePackages);
        Assert.Contains(Components(bom), c => ((string?)c["purl"])?.StartsWith("pkg:deb/debian/dpkg@", StringComparison.Ordinal) == true);
    }

    [SkippableFact]
    public async Task Maven_groups_licenses_and_dependency_edges_reach_the_sbom()
    {
        var bom = (await image.SbomAsync(fixture)).Bom;

        var demo = Components(bom).First(c => (string?)c["name"] == "commons-demo");
        Assert.Equal("org.example", (string?)demo["group"]);
        Assert.Equal("Apache-2.0", (string?)demo["licenses"]![0]!["license"]!["id"]);

        var purlOf = Components(bom).ToDictionary(c => (string)c["bom-ref"]!, c => (string?)c["purl"]);
        var edges = bom["dependencies"]!.AsArray()
            .SelectMany(d => (d!["dependsOn"]?.AsArray() ?? []).Select(to => $"{purlOf.GetValueOrDefault((string)d["ref"]!)} -> {purlOf.GetValueOrDefault((string)to!)}"))
            .ToList();
        Assert.Contains("pkg:gem/test-unit@3.5.3 -> pkg:gem/power_assert@2.0.1", edges);
        Assert.Contains("pkg:composer/monolog/monolog@3.5.0 -> pkg:composer/psr/log@3.0.0", edges);
    }

    [SkippableFact]
    public async Task The_sbom_is_valid_cyclonedx()
    {
        var (json, bom) = await image.SbomAsync(fixture);

        Assert.Equal("1.6", (string?)bom["specVersion"]);
        CycloneDxSchemas.AssertValidJson(json, CycloneDxSpecVersion.V16);
    }

    private static IEnumerable<JsonNode> Components(JsonNode bom) => bom["components"]!.AsArray().OfType<JsonNode>();

    private static string? Property(JsonNode component, string name) =>
        component["properties"]?.AsArray().FirstOrDefault(p => (string?)p!["name"] == name)?["value"]?.GetValue<string>();
}

/// <summary>
/// The image of <see cref="LanguagePackagesImageTests"/>, built (<c>docker build</c>), saved (<c>docker save</c>) and
/// turned into an SBOM by the real command once per run; the Java archives come from <see cref="JavaArchives"/>.
/// </summary>
public sealed class LanguagePackagesImage : IDisposable
{
    private const string Tag = "rampart-test/jvm-languages:1";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private JavaArchives? _jars;
    private (string Json, JsonNode Bom)? _sbom;

    public async Task<(string Json, JsonNode Bom)> SbomAsync(EngineFixture fixture)
    {
        fixture.Require();
        await _gate.WaitAsync();
        try
        {
            return _sbom ??= await BuildAsync(fixture);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _jars?.Dispose();
        _gate.Dispose();
    }

    private async Task<(string Json, JsonNode Bom)> BuildAsync(EngineFixture fixture)
    {
        var jars = _jars = new JavaArchives();
        var context = Path.Combine(fixture.WorkDirectory, "jvm-languages");
        CopyTree(Path.Combine(TestEnvironment.FixturesDirectory, "languages", "rootfs"), Path.Combine(context, "rootfs"));
        File.Copy(jars.PathOf(JavaArchives.CommonsDemo), Path.Combine(context, JavaArchives.CommonsDemo), overwrite: true);
        File.Copy(jars.PathOf(JavaArchives.ShopWar), Path.Combine(context, JavaArchives.ShopWar), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"""
            FROM {EngineFixture.BaseImage}
            COPY rootfs/ /
            COPY {JavaArchives.CommonsDemo} /opt/app/lib/
            COPY {JavaArchives.ShopWar} /usr/local/tomcat/webapps/
            """);
        await fixture.DockerAsync("build", "--quiet", "--network", "host", "--tag", Tag, context);
        var archive = Path.Combine(context, "image.tar");
        await fixture.DockerAsync("save", "--output", archive, Tag);

        var sbom = Path.Combine(context, "sbom.cdx.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(["sbom", $"docker-archive:{archive}", "-o", sbom, "--quiet"], output, error, CancellationToken.None, environment: new Hashtable());
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rampart sbom exited with {exitCode}: {error}");
        }

        var json = await File.ReadAllTextAsync(sbom);
        return (json, JsonNode.Parse(json)!);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
