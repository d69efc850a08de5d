using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// The Go programs of <c>testdata/go</c>, built once per test run by <c>testdata/go/build.sh</c> with Debian's
/// toolchain, and the Go binaries Debian itself ships on this machine.
/// </summary>
internal static class GoFixture
{
    private static readonly ScriptFixture Programs = new("go/build.sh", "go", "golang-go");

    /// <summary>Debian's Go programs the tests compare with <c>go version -m</c>; tests/run.sh installs docker.io and skopeo.</summary>
    public static IEnumerable<string> DebianBinaries { get; } =
        new[] { "/usr/bin/skopeo", "/usr/bin/docker", "/usr/sbin/dockerd" }.Where(File.Exists).ToList();

    /// <summary><c>hello</c>, statically linked with <c>-ldflags</c>, in a git checkout (so with <c>vcs.*</c> settings).</summary>
    public static Task<string> HelloAsync() => Programs.FileAsync("hello");

    /// <summary>The same program as a position-independent executable.</summary>
    public static Task<string> HelloPieAsync() => Programs.FileAsync("hello.pie");

    /// <summary>What <c>go version -m</c> says of <paramref name="binary"/>: the oracle of the build information reader.</summary>
    public static Task<string> VersionMAsync(string binary)
    {
        Tools.Require("go", "golang-go");
        return Commands.RunAsync("go", ["version", "-m", binary]);
    }
}
