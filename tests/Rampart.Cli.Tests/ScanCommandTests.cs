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

        var (exitCode, output, error) = await CliRunner.RunAsync("scan", "dir:" + sample, "--sbom", sbom, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        var bom = JsonNode.Parse(await File.ReadAllTextAsync(sbom))!;
        var purls = bom["components"]!.AsArray().Select(c => (string?)c!["purl"]).OfType<string>().ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:deb/debian/libc6@", StringComparison.Ordinal) && p.Contains("distro=debian-12", StringComparison.Ordinal));
        Assert.Contains(bom["components"]!.AsArray(), c => (string?)c!["type"] == "operating-system" && (string?)c["name"] == "debian");
        Assert.Contains("Debian GNU/Linux 12", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ShippedDebianRootFs_HasTheLockInScoreAndLevelOfItsCalibrationEntry()
    {
        var sample = Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");
        var json = _temp.Combine("results.json");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "dir:" + sample, "--json", json, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        var lockIn = JsonNode.Parse(await File.ReadAllTextAsync(json))!["images"]![0]!["lockIn"]!;
        var calibration = Assert.Single(Rules.LockIn.LockInCalibration.Images, i => i.Fixture == "tests/samples/debian-rootfs");
        Assert.Equal(calibration.Score, (double)lockIn["score"]!);
        Assert.Equal(calibration.Level.ToString().ToLowerInvariant(), (string?)lockIn["level"]);
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

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "oci-dir:" + layout, "dir:" + sample, "--output-dir", outputs, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            ["debian-rootfs.cdx.json", "layout.cdx.json", "report.html", "report.md", "results.json", "results.sarif"],
            Directory.GetFiles(outputs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outputs, "results.json")))!;
        Assert.Equal(2, results["images"]!.AsArray().Count);
        Assert.NotNull(results["fleet"]);
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
    public async Task Scan_RegistryThatDoesNotAnswer_ExitsThreeNamingTheReference()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "registry:127.0.0.1:9/team/app:1.0", "--insecure-registry", "127.0.0.1:9", "--quiet");

        Assert.Equal(3, exitCode);
        Assert.Contains("127.0.0.1:9/team/app:1.0", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_RegistryUsernameWithoutPassword_IsAUsageError()
    {
        var environment = new System.Collections.Hashtable { ["RAMPART_REGISTRY__USERNAME"] = "ci" };

        var (exitCode, _, error) = await CliRunner.RunInAsync(environment, "scan", "registry:127.0.0.1:9/team/app:1.0");

        Assert.Equal(2, exitCode);
        Assert.Contains("registry:password", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_OverTheTimeLimit_StopsWithExitThreeNamingTheLimitAndLeavesNoOutput()
    {
        // A registry that accepts connections and never answers: only the time limit can end the run.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var host = $"127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";
        var outputs = _temp.Combine("out");
        var environment = new System.Collections.Hashtable { ["RAMPART_LIMITS__MAX_SCAN_SECONDS"] = "1" };

        var (exitCode, _, error) = await CliRunner.RunInAsync(
            environment, "scan", $"registry:{host}/team/app:1.0", "--insecure-registry", host, "--output-dir", outputs, "--quiet");

        Assert.Equal(3, exitCode);
        Assert.Contains("limits:maxScanSeconds", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputs) && Directory.EnumerateFileSystemEntries(outputs).Any());
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
    public async Task Scan_RootImageAtDefaultGate_FailsWithExitOneAndSaysWhy()
    {
        var archive = await WriteArchiveAsync(AlpineLikeImage());

        var (exitCode, output, _) = await CliRunner.RunAsync("scan", "docker-archive:" + archive, "--quiet");

        Assert.Equal(1, exitCode);
        Assert.Contains("RMP-H001", output, StringComparison.Ordinal);
        Assert.Contains("gate: FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ConsoleSummary_SaysWhetherTheBaseImageOrTheApplicationMadeEachFinding()
    {
        var image = new TestImageBuilder()
            .Layer(l => l.File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n").History("/bin/sh -c #(nop) ADD file:3a1b2c in / "))
            .EmptyLayerStep("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]")
            .Layer(l => l.File("/usr/local/bin/tool", "ELF", TestLayer.FileMode | UnixFileMode.SetUser).History("COPY tool /usr/local/bin/tool # buildkit"))
            .Build();
        var archive = await WriteArchiveAsync(image);

        var (_, output, _) = await CliRunner.RunAsync("scan", "docker-archive:" + archive, "--quiet");

        Assert.Contains("RMP-H001  Runs as root: no USER is set  (config.User, base)", output, StringComparison.Ordinal);
        Assert.Contains("RMP-H002  setuid file /usr/local/bin/tool  (/usr/local/bin/tool, application)", output, StringComparison.Ordinal);
        Assert.Contains("RMP-H005  No HEALTHCHECK is defined  (config.Healthcheck)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_FailOnCritical_PassesAnImageWhoseWorstFindingIsHigh()
    {
        var archive = await WriteArchiveAsync(AlpineLikeImage());

        var (exitCode, output, _) = await CliRunner.RunAsync("scan", "docker-archive:" + archive, "--fail-on", "critical", "--quiet");

        Assert.Equal(0, exitCode);
        Assert.Contains("gate: passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_WaiverInPolicyFile_KeepsTheFindingButPassesTheGate()
    {
        var archive = await WriteArchiveAsync(AlpineLikeImage());
        var policy = _temp.Combine("policy.yml");
        await File.WriteAllTextAsync(policy, "waivers:\n  - rule: RMP-H001\n    reason: migrating to a non-root user\n    expires: 2027-06-30\n");
        var json = _temp.Combine("results.json");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + archive, "--config", policy, "--json", json, "--quiet");

        Assert.True(exitCode == 0, error);
        var findings = JsonNode.Parse(await File.ReadAllTextAsync(json))!["images"]![0]!["hardening"]!["findings"]!.AsArray();
        Assert.Contains(findings, f => (string?)f!["ruleId"] == "RMP-H001" && (bool?)f["waived"] == true);
    }

    [Fact]
    public async Task Scan_Baseline_ReportStartsWithWhatChanged()
    {
        var before = await WriteArchiveAsync(AlpineLikeImage(), "before.tar");
        var after = await WriteArchiveAsync(AlpineLikeImage("1.2.5-r1"), "after.tar");
        var baseline = _temp.Combine("baseline.json");
        var markdown = _temp.Combine("report.md");
        await CliRunner.RunAsync("scan", "docker-archive:" + before, "--json", baseline, "--fail-on", "none", "--quiet");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + after, "--baseline", baseline, "--markdown", markdown, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        var report = await File.ReadAllTextAsync(markdown);
        Assert.Contains("1.2.5-r0", report, StringComparison.Ordinal);
        Assert.Contains("1.2.5-r1", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BaselineImage_IsScannedFirstAndComparedWith()
    {
        var before = await WriteArchiveAsync(AlpineLikeImage(), "before.tar");
        var after = await WriteArchiveAsync(AlpineLikeImage("1.2.5-r1"), "after.tar");
        var json = _temp.Combine("results.json");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "docker-archive:" + after, "--baseline", before, "--json", json, "--fail-on", "none", "--quiet");

        Assert.True(exitCode == 0, error);
        var upgraded = JsonNode.Parse(await File.ReadAllTextAsync(json))!["images"]![0]!["baseline"]!["packages"]!["upgraded"]!.AsArray();
        var upgrade = Assert.Single(upgraded);
        Assert.Equal("1.2.5-r0", (string?)upgrade!["from"]);
        Assert.Equal("1.2.5-r1", (string?)upgrade["to"]);
    }

    [Fact]
    public async Task Scan_BaselineThatIsNotAResultsFile_IsAUsageErrorNamingIt()
    {
        var baseline = _temp.Combine("not-results.json");
        await File.WriteAllTextAsync(baseline, "{\"hello\": 1}");

        var (exitCode, _, error) = await CliRunner.RunAsync("scan", "dir:/nowhere", "--baseline", baseline);

        Assert.Equal(2, exitCode);
        Assert.Contains(baseline, error, StringComparison.Ordinal);
    }

    private async Task<string> WriteArchiveAsync(TestImage image, string name = "image.tar")
    {
        var archive = _temp.Combine(name);
        await using var file = File.Create(archive);
        image.WriteDockerArchive(file);
        return archive;
    }

    internal static TestImage AlpineLikeImage(string muslVersion = "1.2.5-r0") => new TestImageBuilder()
        .Layer(l => l
            .File("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n")
            .File("/lib/apk/db/installed", $"C:Q1abc=\nP:musl\nV:{muslVersion}\nA:x86_64\nL:MIT\nT:the musl c library\no:musl\nm:Maintainer <m@example.org>\n\n"))
        .Build();
}
