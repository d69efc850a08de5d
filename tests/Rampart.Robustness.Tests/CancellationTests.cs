using System.Diagnostics;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// A cancelled scan (job cancel, Ctrl-C) stops promptly and leaves nothing half-written: no file at any requested output
/// path and no temporary file beside them.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    /// <summary>Generous: the scan is cancelled within a second of starting; stopping takes milliseconds.</summary>
    private static readonly TimeSpan StopGuard = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scan_CancelledWhileReading_StopsWithExitThreeAndWritesNothing()
    {
        var archive = WriteLargeImage();
        var outputs = _temp.Combine("out");
        var named = _temp.Combine("named");
        Directory.CreateDirectory(named);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var run = await RampartCli.RunAsync(
            new System.Collections.Hashtable(),
            cancellation.Token,
            "scan", "docker-archive:" + archive, "--output-dir", outputs, "--sarif", Path.Combine(named, "x.sarif"), "--sbom", Path.Combine(named, "x.cdx.json"), "--quiet");

        Assert.True(clock.Elapsed < StopGuard, $"took {clock.Elapsed} to stop");
        Assert.True(run.ExitCode == 3, run.All);
        Assert.Contains("cancelled", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputs) && Directory.EnumerateFileSystemEntries(outputs).Any(), "output directory is not empty");
        Assert.Empty(Directory.EnumerateFileSystemEntries(named));
    }

    [Fact]
    public async Task Scan_InterruptedProcessAfterFirstProgressLine_StopsAndWritesNothing()
    {
        var archive = WriteLargeImage();
        var outputs = _temp.Combine("out");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { RampartCli.Assembly, "scan", "docker-archive:" + archive, "--output-dir", outputs, "--fail-on", "none" })
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Clean(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var firstLine = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(firstLine);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(StopGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"still running {StopGuard.TotalSeconds:F0} s after Ctrl-C");
        }

        var error = firstLine + "\n" + await rest;
        Assert.True(process.ExitCode == 3, $"exit {process.ExitCode} after {clock.Elapsed}\n{error}\n{await stdout}");
        Assert.Contains("cancelled", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outputs) && Directory.EnumerateFileSystemEntries(outputs).Any(), "output directory is not empty");
    }

    /// <summary>
    /// Eight uncompressed layers of 96 MiB of zeros (768 MiB), streamed to disk and never held in memory: seconds of
    /// hashing to interrupt. One layer tar is written and hashed once, then stored eight times under different names.
    /// </summary>
    private string WriteLargeImage()
    {
        var layerPath = _temp.Combine("layer.tar");
        using (var layerFile = File.Create(layerPath))
        {
            new TestLayer().File("/etc/os-release", "ID=alpine\n").ZeroFile("/data/blob", 96L << 20).WriteTar(layerFile);
        }

        string diffId;
        using (var layerFile = File.OpenRead(layerPath))
        {
            diffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(layerFile));
        }

        var names = Enumerable.Range(0, 8).Select(i => $"layer{i}/layer.tar").ToList();
        var config = System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "layers", ["diff_ids"] = new System.Text.Json.Nodes.JsonArray(names.Select(_ => (System.Text.Json.Nodes.JsonNode)diffId).ToArray()) },
        }.ToJsonString());
        var manifest = System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["Config"] = "config.json",
            ["Layers"] = new System.Text.Json.Nodes.JsonArray(names.Select(n => (System.Text.Json.Nodes.JsonNode)n).ToArray()),
        }).ToJsonString());
        var path = _temp.Combine("large.tar");
        using var file = File.Create(path);
        using var writer = new System.Formats.Tar.TarWriter(file, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true);
        foreach (var name in names)
        {
            using var data = File.OpenRead(layerPath);
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = data });
        }

        Archives.Add(writer, "config.json", config);
        Archives.Add(writer, "manifest.json", manifest);
        return path;
    }
}
