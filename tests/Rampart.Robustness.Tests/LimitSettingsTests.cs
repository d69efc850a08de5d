using System.Text.Json.Nodes;
using Rampart.Images;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Each <c>limits:*</c> setting reaches the reader: a small configured limit makes an ordinary image fail with a message
/// naming the limit, from a policy file or from the environment. The defaults are the reader's safe ones.
/// </summary>
public sealed class LimitSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("maxImageBytes", "5000000", "MaxImageBytes")]
    [InlineData("maxExpansionRatio", "2", "MaxExpansionRatio")]
    [InlineData("maxEntries", "3", "MaxEntries")]
    [InlineData("maxPathLength", "10", "over the limit of 10")]
    [InlineData("maxRetainedBytes", "20", "MaxRetainedBytes")]
    public async Task Scan_SmallLimitInPolicyFile_RefusesAnOrdinaryImageNamingTheLimit(string key, string value, string named)
    {
        var archive = await OrdinaryImageAsync();
        var policy = _temp.Combine("policy.yml");
        await File.WriteAllTextAsync(policy, $"limits:\n  {key}: {value}\n");

        var run = await RampartCli.RunAsync("scan", "docker-archive:" + archive, "--config", policy, "--fail-on", "none", "--quiet");

        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains(archive, run.Error, StringComparison.Ordinal);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_SameImageWithDefaultLimits_Passes()
    {
        var archive = await OrdinaryImageAsync();

        var run = await RampartCli.RunAsync("scan", "docker-archive:" + archive, "--fail-on", "none", "--quiet");

        Assert.True(run.ExitCode == 0, run.All);
    }

    [Fact]
    public async Task Scan_LimitFromEnvironment_BoundsTheReaderToo()
    {
        var archive = await OrdinaryImageAsync();
        var environment = new System.Collections.Hashtable { ["RAMPART_LIMITS__MAX_ENTRIES"] = "3" };

        var run = await RampartCli.RunAsync(environment, CancellationToken.None, "scan", "docker-archive:" + archive, "--fail-on", "none", "--quiet");

        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains("MaxEntries", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_SmallMaxFileBytes_LeavesLargerFilesUnread()
    {
        var archive = await OrdinaryImageAsync();
        var policy = _temp.Combine("policy.yml");
        await File.WriteAllTextAsync(policy, "limits:\n  maxFileBytes: 8\n");
        var json = _temp.Combine("results.json");

        var run = await RampartCli.RunAsync("scan", "docker-archive:" + archive, "--config", policy, "--json", json, "--fail-on", "none", "--quiet");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Null(JsonNode.Parse(await File.ReadAllTextAsync(json))!["images"]![0]!["os"]?["id"]);
    }

    [Theory]
    [InlineData("maxEntries", "0")]
    [InlineData("maxPathLength", "-5")]
    [InlineData("maxImageBytes", "lots")]
    [InlineData("maxExpansionRatio", "1.5")]
    [InlineData("maxEntries", "3000000000")]
    [InlineData("maxExpansionRatio", "99999999999")]
    public async Task Scan_LimitThatIsNotAPositiveWholeNumberInRange_IsAUsageErrorNamingTheKey(string key, string value)
    {
        var policy = _temp.Combine("policy.yml");
        await File.WriteAllTextAsync(policy, $"limits:\n  {key}: {value}\n");

        var run = await RampartCli.RunAsync("scan", "dir:" + _temp.Path, "--config", policy, "--quiet");

        Assert.True(run.ExitCode == 2, run.All);
        Assert.Contains("limits:" + key, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderDefaults_AreBoundedAndNonZero()
    {
        var limits = ReaderLimits.Default;

        Assert.InRange(limits.MaxPathLength, 256, 65_536);
        Assert.InRange(limits.MaxMetadataBytes, 1 << 20, 256 << 20);
        Assert.InRange(limits.MaxExpansionRatio, 100, 10_000);
        Assert.InRange(limits.MaxRetainedBytes, 1L << 20, 4L << 30);
        Assert.InRange(limits.MaxEntries, 10_000, 100_000_000);
        Assert.InRange(limits.MaxImageBytes, 1L << 30, 1L << 40);
    }

    /// <summary>
    /// Gzip-compressed, with a few files the catalogers keep and 20 MiB of log-like text: it compresses about 10:1 and
    /// passes the 16 MiB after which the reader starts checking the expansion ratio.
    /// </summary>
    private static readonly Lazy<byte[]> Ordinary = new(() =>
    {
        var log = new System.Text.StringBuilder();
        for (var i = 0; log.Length < 20 << 20; i++)
        {
            log.Append(System.Globalization.CultureInfo.InvariantCulture, $"2024-01-02T03:04:05Z request {i * 7919 % 100_003} served in {i % 997} ms\n");
        }

        return new TestImageBuilder()
            .Layer(l => l
                .File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n")
                .File("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
                .File("/lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\n\n")
                .File("/var/log/app.log", log.ToString()))
            .User("1000")
            .Build()
            .ToDockerArchive();
    });

    private async Task<string> OrdinaryImageAsync()
    {
        var archive = _temp.Combine("ordinary.tar");
        await File.WriteAllBytesAsync(archive, Ordinary.Value);
        return archive;
    }
}
