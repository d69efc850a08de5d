using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// The Go programs of <c>testdata/go</c>, built once per test run by <c>testdata/go/build.sh</c> with Debian's
/// toolchain, and the Go binaries Debian itself ships on this machine.
/// </summary>
internal static class GoFixture
{
    private static readonly SemaphoreSlim Building = new(1, 1);
    private static string? _built;

    /// <summary>Debian's Go programs the tests compare with <c>go version -m</c>; tests/run.sh installs docker.io and skopeo.</summary>
    public static IEnumerable<string> DebianBinaries { get; } =
        new[] { "/usr/bin/skopeo", "/usr/bin/docker", "/usr/sbin/dockerd" }.Where(File.Exists).ToList();

    /// <summary><c>hello</c>, statically linked with <c>-ldflags</c>, in a git checkout (so with <c>vcs.*</c> settings).</summary>
    public static async Task<string> HelloAsync() => Path.Combine(await DirectoryAsync(), "hello");

    /// <summary>The same program as a position-independent executable.</summary>
    public static async Task<string> HelloPieAsync() => Path.Combine(await DirectoryAsync(), "hello.pie");

    /// <summary>What <c>go version -m</c> says of <paramref name="binary"/>: the oracle of the build information reader.</summary>
    public static Task<string> VersionMAsync(string binary)
    {
        Tools.Require("go", "golang-go");
        return Commands.RunAsync("go", ["version", "-m", binary]);
    }

    private static async Task<string> DirectoryAsync()
    {
        Tools.Require("go", "golang-go");
        await Building.WaitAsync();
        try
        {
            return _built ??= await BuildAsync();
        }
        finally
        {
            Building.Release();
        }
    }

    private static async Task<string> BuildAsync()
    {
        var output = Directory.CreateTempSubdirectory("rampart-go-fixture-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        await Commands.RunAsync("sh", [TestImage.TestData("go/build.sh"), output]);
        return output;
    }
}
