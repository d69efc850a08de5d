using System.Text.Json.Nodes;
using Rampart.Testing;

namespace Rampart.Cli.Tests;

public sealed class ScanCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scan_ShippedDebianRootFs_WritesAnSbomWithItsPackages()
    {
        var sample = Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");
        var sbom = _temp.Combine("sbom.cdx.json");

        var (exitCode, output, error) = await CliRunner.RunAsync("scan", "dir:" + sample, "--sbom", sbom, "--quiet");

        Assert.True(exitCode == 0, error);
        var bom = JsonNode.Parse(await File.ReadAllTextAsync(sbom))!;
        var purls = bom["components"]!.AsArray().Select(c => (string?)c!["purl"]).OfType<string>().ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:deb/debian/libc6@", StringComparison.Ordinal) && p.Contains("distro=debian-12", StringComparison.Ordinal));
        Assert.Contains(bom["components"]!.AsArray(), c => (string?)c!["type"] == "operating-system" && (string?)c["name"] == "debian");
        Assert.Contains("Debian GNU/Linux 12", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DockerArchiveLayout.Legacy)]
    [InlineData(DockerArchiveLayout.Oci)]
    public async Task Scan_DockerArchiveWithoutScheme_IsRecognisedByContent(DockerArchiveLayout layout)
    {
        var archive = _temp.Combine("image.tar");
        using (var file = File.Create(archive))
        {
            AlpineLikeImage().WriteDockerArchive(file, layout);
        }

        var sbom = _temp.Combine("out.cdx.xml");
        var (exitCode, _, error) = await CliRunner.RunAsync("sbom", archive, "-o", sbom, "--quiet");

        Assert.True(exitCode == 0, error);
        Assert.Contains("pkg:apk/alpine/musl@1.2.5-r0", await File.ReadAllTextAsync(sbom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_OutputDirectory_WritesOneSbomPerImage()
    {
        var layout = _temp.Combine("layout");
        AlpineLikeImage().WriteOciLayout(layout);
        var sample = Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");
        var outputs = _temp.Combine("reports");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "oci-dir:" + layout, "dir:" + sample, "--output-dir", outputs, "--quiet");

        Assert.True(exitCode == 0, error);
        Assert.Equal(["debian-rootfs.cdx.json", "layout.cdx.json"], Directory.GetFiles(outputs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scan_MissingArchive_ExitsThreeNamingThePath()
    {
        var missing = _temp.Combine("absent.tar");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + missing, "--quiet");

        Assert.Equal(3, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_CorruptArchive_ExitsThreeAndLeavesNoSbom()
    {
        var archive = _temp.Combine("broken.tar");
        var bytes = AlpineLikeImage().ToDockerArchive();
        await File.WriteAllBytesAsync(archive, bytes[..(bytes.Length / 2)]);
        var sbom = _temp.Combine("sbom.json");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + archive, "--sbom", sbom, "--quiet");

        Assert.Equal(3, exitCode);
        Assert.Contains(archive, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp.Path, "sbom*"));
    }

    [Fact]
    public async Task Scan_UnknownScheme_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "podman:docker.io/library/alpine:3.20");

        Assert.Equal(2, exitCode);
        Assert.Contains("podman", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_OneSbomFileForTwoImages_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "dir:/a", "dir:/b", "--sbom", _temp.Combine("x.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--output-dir", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_NoImage_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan");

        Assert.Equal(2, exitCode);
        Assert.Contains("IMAGE", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-on", "severe")]
    [InlineData("--platform", "amd64")]
    [InlineData("--sbom-spec-version", "1.2")]
    public async Task Scan_BadOptionValue_IsAUsageErrorNamingTheValue(string option, string value)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "dir:/nowhere", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ReportNotAvailableYet_SaysSoWithExitTwo()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "dir:/nowhere", "--markdown", _temp.Combine("r.md"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--markdown is not available", error, StringComparison.Ordinal);
    }

    private static TestImage AlpineLikeImage() => new TestImageBuilder()
        .Layer(l => l
            .File("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n")
            .File("/lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\nT:the musl c library\no:musl\nm:Maintainer <m@example.org>\n\n"))
        .Build();
}
