using System.Runtime.Versioning;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Layers;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.Images.Tests;

[SupportedOSPlatform("linux")]
public sealed class RootFsSourceTests
{
    [Fact]
    public async Task ReadAsync_RootFilesystem_RecordsHeadersAndSelectedContentAsOneLayer()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("etc"));
        Directory.CreateDirectory(temp.Combine("usr", "bin"));
        await File.WriteAllTextAsync(temp.Combine("etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
        await File.WriteAllTextAsync(temp.Combine("usr", "bin", "tool"), "bin");
        File.SetUnixFileMode(temp.Combine("usr", "bin", "tool"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.SetUser);
        File.CreateSymbolicLink(temp.Combine("bin"), "usr/bin");
        using (var ln = System.Diagnostics.Process.Start("ln", [temp.Combine("usr", "bin", "tool"), temp.Combine("usr", "bin", "tool2")]))
        {
            await ln.WaitForExitAsync();
        }

        var snapshot = await Read(temp.Path);

        Assert.Single(snapshot.Layers);
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", System.Text.Encoding.UTF8.GetString(snapshot.Files.ReadContent(snapshot.Files.Find("/etc/passwd")!)!.Value.Span));
        var tool = snapshot.Files.Resolve("/bin/tool");
        Assert.NotNull(tool);
        Assert.True(tool.IsSetuid);
        Assert.Equal(Environment.IsPrivilegedProcess ? 0 : tool.Uid, tool.Uid);
        var link = snapshot.Files.Find("/bin")!;
        Assert.Equal((FileKind.Symlink, "usr/bin"), (link.Kind, link.LinkTarget));
        Assert.Equal((FileKind.HardLink, "/usr/bin/tool"), (snapshot.Files.Find("/usr/bin/tool2")!.Kind, snapshot.Files.Find("/usr/bin/tool2")!.LinkTarget));
        Assert.StartsWith("sha256:", snapshot.Image.ConfigDigest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RootFilesystem_InspectsFilesNoGlobKeeps()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("opt"));
        await File.WriteAllTextAsync(temp.Combine("opt", "run"), "#!/bin/sh\necho hello\n");
        await File.WriteAllTextAsync(temp.Combine("opt", "data"), "data");
        var inspector = new ShebangInspector();

        var snapshot = await new RootFsSource(temp.Path, "dir:" + temp.Path, ImageReaderOptions.Default).ReadAsync(new FileSelection([], inspectors: [inspector]), CancellationToken.None);

        var files = snapshot.Files;
        Assert.Equal("#!/bin/sh"u8.ToArray(), files.ReadExtract(files.Find("/opt/run")!, "shebang")?.ToArray());
        Assert.Null(files.ReadExtract(files.Find("/opt/data")!, "shebang"));
        Assert.Null(files.ReadContent(files.Find("/opt/run")!));
    }

    [Fact]
    public async Task ReadAsync_SymlinkOutOfTheRoot_IsRecordedButNeverFollowed()
    {
        using var outside = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(outside.Path, "passwd"), "host secret");
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("etc"), outside.Path);

        var snapshot = await Read(temp.Path);

        Assert.Equal(FileKind.Symlink, snapshot.Files.Find("/etc")!.Kind);
        Assert.Null(snapshot.Files.Find("/etc/passwd"));
        Assert.Null(snapshot.Files.Resolve("/etc/passwd"));
    }

    [Fact]
    public async Task ReadAsync_PseudoFilesystems_AreRecordedWithoutTheirContents()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("proc", "1"));
        Directory.CreateDirectory(temp.Combine("sys", "kernel"));
        Directory.CreateDirectory(temp.Combine("dev", "pts"));

        var snapshot = await Read(temp.Path);

        Assert.Equal(["/dev", "/proc", "/sys"], snapshot.Files.Entries.Select(e => e.Path));
    }

    [Fact]
    public async Task ReadAsync_MissingDirectory_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<ImageReadException>(() => Read("/nonexistent/rootfs"));

        Assert.Equal("dir:/nonexistent/rootfs: /nonexistent/rootfs is not a directory", error.Message);
    }

    [SkippableFact]
    public async Task ReadAsync_FileCapabilities_AgreeWithWhatTheLayerReaderReadsFromATarOfTheSameTree()
    {
        var setcap = await SetcapCommandAsync();
        using var temp = new TempDirectory();
        var root = temp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "usr", "bin"));
        foreach (var name in new[] { "ping", "admin", "plain" })
        {
            await File.WriteAllTextAsync(Path.Combine(root, "usr", "bin", name), name);
        }

        await RunAsync(setcap[0], [.. setcap[1..], "cap_net_raw+ep", Path.Combine(root, "usr", "bin", "ping")]);
        await RunAsync(setcap[0], [.. setcap[1..], "-n", "1000", "cap_setuid,cap_sys_admin+p", Path.Combine(root, "usr", "bin", "admin")]);
        await RunAsync("ln", Path.Combine(root, "usr", "bin", "ping"), Path.Combine(root, "usr", "bin", "ping6"));
        await RunAsync("tar", "--xattrs", "--format=posix", "-C", root, "-cf", temp.Combine("layer.tar"), "usr");

        var files = (await Read(root)).Files;
        LayerReadResult layer;
        await using (var tar = File.OpenRead(temp.Combine("layer.tar")))
        {
            layer = await new ImageReadSession("tar", new FileSelection([]), ImageReaderOptions.Default).ReadLayerAsync(tar, 0, "layer.tar", CancellationToken.None);
        }

        Assert.Equal("cap_net_raw=ep", files.Find("/usr/bin/ping")!.Capabilities?.ToString());
        Assert.Equal("cap_net_raw=ep", files.Find("/usr/bin/ping6")!.Capabilities?.ToString());
        Assert.Equal("cap_setuid,cap_sys_admin=p [rootid=1000]", files.Find("/usr/bin/admin")!.Capabilities?.ToString());
        Assert.Null(files.Find("/usr/bin/plain")!.Capabilities);
        Assert.Null(files.Find("/usr/bin")!.Capabilities);
        Assert.All(
            layer.Contents.Entries.Values,
            fromTar => Assert.Equal(fromTar.Capabilities, files.Find(fromTar.Path)!.Capabilities));
    }

    /// <summary>
    /// setcap needs CAP_SETFCAP: as root it runs directly, else through passwordless sudo (as on GitHub's runners).
    /// Without either the test skips, except under CI, where it must run.
    /// </summary>
    private static async Task<string[]> SetcapCommandAsync()
    {
        const string Setcap = "/usr/sbin/setcap";
        if (Environment.IsPrivilegedProcess)
        {
            return [Setcap];
        }

        if (await SucceedsAsync("sudo", "-n", "true"))
        {
            return ["sudo", "-n", Setcap];
        }

        Prerequisite.Missing("setting file capabilities needs root (CAP_SETFCAP) or passwordless sudo");
        return [];
    }

    private static async Task<bool> SucceedsAsync(string program, params string[] arguments)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {errors}");
    }

    private static Task<ImageSnapshot> Read(string path) =>
        new RootFsSource(path, "dir:" + path, ImageReaderOptions.Default).ReadAsync(new FileSelection(["/etc/*"]), CancellationToken.None);
}
