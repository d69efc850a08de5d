using Rampart.Core.Files;
using Rampart.Testing;

namespace Rampart.Images.Tests;

/// <summary>Images the reader tests share.</summary>
internal static class TestImages
{
    public static readonly FileSelection Selection = new(["/etc/os-release", "/usr/lib/os-release", "/etc/passwd", "/usr/bin/*"]);

    /// <summary>Three layers touching every feature of the format: a setuid binary, links, a whiteout, an opaque directory.</summary>
    public static TestImageBuilder Sample(TestCompression compression = TestCompression.Gzip) => new TestImageBuilder()
        .Compression(compression)
        .Layer(l => l
            .Directory("/usr/")
            .Directory("/usr/lib/")
            .File("/usr/lib/os-release", "ID=debian\nVERSION_ID=12\n")
            .Symlink("/lib", "usr/lib")
            .Directory("/etc/")
            .Symlink("/etc/os-release", "../usr/lib/os-release")
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
            .Directory("/var/cache/apt/")
            .File("/var/cache/apt/pkgcache.bin", "cache")
            .File("/tmp/secret", "token"))
        .EmptyLayerStep("ENV A=1")
        .Layer(l => l
            .Directory("/usr/bin/")
            .File("/usr/bin/su", "su-binary", UnixFileMode.SetUser | TestLayer.DirectoryMode, uid: 0, gid: 0)
            .HardLink("/usr/bin/su-hardlink", "/usr/bin/su")
            .File("/home/app/data", "x", uid: 1000, gid: 1000)
            .CharacterDevice("/dev/null", 1, 3)
            .Fifo("/run/pipe"))
        .Layer(l => l
            .Whiteout("/tmp/secret")
            .OpaqueDirectory("/var/cache/apt")
            .File("/var/cache/apt/new", "n"))
        .User("app")
        .Tag("sample:1.0");

    public static Task<Rampart.Core.Images.ImageSnapshot> ReadDockerArchiveAsync(byte[] archive, FileSelection? selection = null, ImageReaderOptions? options = null) =>
        Archives.DockerArchiveReader.ReadAsync(
            new NonSeekableStream(new MemoryStream(archive)), "docker-archive:test.tar", selection ?? Selection, options ?? ImageReaderOptions.Default, CancellationToken.None);
}
