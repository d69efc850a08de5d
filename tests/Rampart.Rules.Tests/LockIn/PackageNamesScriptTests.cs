using System.Diagnostics;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn;
using Rampart.Rules.LockIn.Criteria;
using Rampart.Rules.LockIn.Evidence;
using Rampart.Rules.Tests.LockIn.Support;
using Rampart.Testing;

namespace Rampart.Rules.Tests.LockIn;

/// <summary>
/// <c>LockIn/Data/make-package-names.sh</c> on an Alpine <c>APKINDEX.tar.gz</c> as a mirror serves it, and the list it
/// writes used the way a shipped one would be.
/// </summary>
public sealed class PackageNamesScriptTests : IDisposable
{
    private static readonly string Script = Path.Combine(Repository.Root, "src", "Rampart.Rules", "LockIn", "Data", "make-package-names.sh");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Alpine_DownloadedIndex_GivesTheNameAndOriginOfEveryPackage()
    {
        var index = await MirrorIndexAsync("v3.20/main/x86_64");

        var (exitCode, output, error) = await RunAsync("sh", Script, "-o", _temp.Path, "alpine", index);

        Assert.True(exitCode == 0, error);
        Assert.Contains("(7 names)", output, StringComparison.Ordinal);
        var list = ReadList();
        Assert.Equal("Alpine APKINDEX files (P: and o: names): v3.20/main/x86_64 (v3.20.3-0-g0000000000)", list.Origin);
        Assert.All(
            ["musl", "busybox", "apk-tools", "alpine-baselayout", "alpine-baselayout-data", "ca-certificates-bundle", "ca-certificates"],
            name => Assert.True(list.Matches(name), name));
        Assert.False(list.Matches("wolfi-baselayout"));
    }

    [Fact]
    public async Task Alpine_ListPresent_ApkNamesAreComparedWithItAndTheShareIsNoLongerAnUpperBound()
    {
        await RunAsync("sh", Script, "-o", _temp.Path, "alpine", await MirrorIndexAsync("v3.20/main/x86_64"));
        var lists = new Dictionary<string, PackageNameList> { ["debian"] = PackageNameList.Shipped["debian"], ["alpine"] = ReadList() };
        var alpine = Families.Alpine().Context();

        var names = new VendorSpecificNamesCriterion(lists).Evaluate(alpine);
        var exit = ExitPaths.For(alpine, Libc.Musl, lists);

        Assert.Equal(0, names.Score);
        Assert.Contains("v3.20/main/x86_64", names.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("upper bound", names.Evidence, StringComparison.Ordinal);
        Assert.True(exit.CounterpartDataShipped);
        Assert.Empty(exit.PackagesWithoutCounterpart);
        Assert.Contains("Alpine APKINDEX files", exit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alpine_ArchiveWithoutAnIndex_FailsNamingItAndWritesNothing()
    {
        var archive = _temp.Combine("not-an-index.tar.gz");
        await RunAsync("sh", "-c", $"tar -czf '{archive}' -C '{TestData}' DESCRIPTION");

        var (exitCode, _, error) = await RunAsync("sh", Script, "-o", _temp.Path, "alpine", archive);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{archive}: no APKINDEX inside", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("alpine.names.gz")));
    }

    private static string TestData => Path.Combine(AppContext.BaseDirectory, "testdata", "apkindex");

    private PackageNameList ReadList()
    {
        using var file = File.OpenRead(_temp.Combine("alpine.names.gz"));
        return PackageNameList.Read(file, "alpine");
    }

    /// <summary>
    /// Packs the test index as abuild-sign leaves it on a mirror: a gzipped signature segment cut before tar's end
    /// blocks, then the gzipped <c>DESCRIPTION</c> and <c>APKINDEX</c>. Returns its path relative to the temp folder.
    /// </summary>
    private async Task<string> MirrorIndexAsync(string repository)
    {
        var index = _temp.Combine(repository, "APKINDEX.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        var (exitCode, _, error) = await RunAsync(
            "sh",
            "-c",
            $"""
            set -e
            cd '{_temp.Path}'
            printf 'not a real key\n' > .SIGN.RSA.test.rsa.pub
            tar -cf - .SIGN.RSA.test.rsa.pub | head -c 1024 | gzip -9 > signature.gz
            tar -czf index.gz -C '{TestData}' DESCRIPTION APKINDEX
            cat signature.gz index.gz > '{index}'
            """);
        Assert.True(exitCode == 0, error);
        return Path.GetRelativePath(_temp.Path, index);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _temp.Path };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
