using System.Formats.Tar;
using System.Globalization;
using System.Text.RegularExpressions;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Layers;
using Rampart.Testing;

namespace Rampart.Images.Tests;

public sealed class LayerReaderTests
{
    [Theory]
    [InlineData(TestCompression.None, LayerCompression.None)]
    [InlineData(TestCompression.Gzip, LayerCompression.Gzip)]
    [InlineData(TestCompression.Zstd, LayerCompression.Zstd)]
    public async Task ReadLayer_EachCompression_DetectedByMagicAndHashedOnBothSides(TestCompression written, LayerCompression detected)
    {
        var layer = new TestLayer().File("/etc/passwd", "root:x:0:0::/root:/bin/sh\n");
        var tar = layer.ToTar();

        var result = await ReadAsync(layer, written);

        Assert.Equal(detected, result.Compression);
        Assert.Equal(ImageReadSession.Sha256Digest(tar), result.DiffId);
        Assert.Equal(tar.Length, result.UncompressedSize);
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", System.Text.Encoding.UTF8.GetString(result.Contents.Contents["/etc/passwd"].Span));
    }

    [Fact]
    public async Task ReadLayer_Headers_KeepsKindModeOwnerSizeAndTargets()
    {
        var layer = new TestLayer()
            .Directory("/usr/bin/", TestLayer.DirectoryMode | UnixFileMode.StickyBit, uid: 5, gid: 6)
            .File("/usr/bin/passwd", "binary", TestLayer.DirectoryMode | UnixFileMode.SetUser | UnixFileMode.SetGroup, uid: 0, gid: 42)
            .HardLink("/usr/bin/chfn", "/usr/bin/passwd")
            .Symlink("/usr/bin/sh", "../../bin/dash")
            .CharacterDevice("/dev/null", 1, 3)
            .BlockDevice("/dev/sda", 8, 0)
            .Fifo("/run/initctl");

        var contents = (await ReadAsync(layer)).Contents;

        var dir = contents.Entries["/usr/bin"];
        Assert.Equal(FileKind.Directory, dir.Kind);
        Assert.True(dir.Mode.HasFlag(UnixFileMode.StickyBit));
        Assert.Equal((5, 6), (dir.Uid, dir.Gid));
        var passwd = contents.Entries["/usr/bin/passwd"];
        Assert.True(passwd.IsSetuid && passwd.IsSetgid);
        Assert.Equal(6, passwd.Size);
        Assert.Equal(42, passwd.Gid);
        var chfn = contents.Entries["/usr/bin/chfn"];
        Assert.Equal((FileKind.HardLink, "/usr/bin/passwd", 6L), (chfn.Kind, chfn.LinkTarget, chfn.Size));
        Assert.Equal("../../bin/dash", contents.Entries["/usr/bin/sh"].LinkTarget);
        Assert.Equal(FileKind.CharacterDevice, contents.Entries["/dev/null"].Kind);
        Assert.Equal(FileKind.BlockDevice, contents.Entries["/dev/sda"].Kind);
        Assert.Equal(FileKind.Fifo, contents.Entries["/run/initctl"].Kind);
    }

    [Fact]
    public async Task ReadLayer_Selection_KeepsOnlySelectedBytesAndHardLinksToThem()
    {
        var layer = new TestLayer()
            .File("/usr/bin/su", "su")
            .HardLink("/usr/bin/su2", "/usr/bin/su")
            .File("/etc/shadow", "secret")
            .File("/usr/bin/huge", new byte[100]);

        var contents = (await ReadAsync(layer, selection: new FileSelection(["/usr/bin/*"], maxFileBytes: 50))).Contents;

        Assert.Equal(["/usr/bin/su", "/usr/bin/su2"], contents.Contents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("su"u8.ToArray(), contents.Contents["/usr/bin/su2"].ToArray());
        Assert.Equal(100, contents.Entries["/usr/bin/huge"].Size);
    }

    [Theory]
    [InlineData(TestCompression.None)]
    [InlineData(TestCompression.Gzip)]
    public async Task ReadLayer_Inspectors_SeeEveryFileAndOnlyTheirExtractsAreKept(TestCompression compression)
    {
        var script = "#!/bin/sh -e\n" + new string('x', 200_000);
        var layer = new TestLayer()
            .File("/opt/run", script)
            .HardLink("/opt/run2", "/opt/run")
            .File("/opt/data", "plain data")
            .File("/etc/init", "#!/bin/dash\nexit 0\n")
            .File("/etc/after", "after");
        var inspector = new ShebangInspector();

        var contents = (await ReadAsync(layer, compression, new FileSelection(["/etc/*"], inspectors: [inspector]))).Contents;

        Assert.Equal("#!/bin/sh -e"u8.ToArray(), contents.ExtractsOf("/opt/run")?["shebang"].ToArray());
        Assert.Equal("#!/bin/sh -e"u8.ToArray(), contents.ExtractsOf("/opt/run2")?["shebang"].ToArray());
        Assert.Null(contents.ExtractsOf("/opt/data"));
        Assert.Equal("#!/bin/dash"u8.ToArray(), contents.ExtractsOf("/etc/init")?["shebang"].ToArray());
        Assert.Equal(["/etc/after", "/etc/init"], contents.Contents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("after", System.Text.Encoding.UTF8.GetString(contents.Contents["/etc/after"].Span));
        Assert.True(inspector.BytesFed < 70_000, $"the inspector was fed {inspector.BytesFed} bytes; it wants none after the first line");
    }

    [Fact]
    public async Task ReadLayer_Extracts_CountTowardTheRetainedBytesLimit()
    {
        var layer = new TestLayer().File("/opt/a", "#!" + new string('a', 200)).File("/opt/b", "#!" + new string('b', 200));

        var error = await Assert.ThrowsAsync<ImageReadException>(() =>
            Session(new ReaderLimits { MaxRetainedBytes = 300 }, new FileSelection([], inspectors: [new ShebangInspector()]))
                .ReadLayerAsync(new MemoryStream(layer.ToTar()), 0, "l", CancellationToken.None));

        Assert.Contains("keeping /opt/b would exceed 300 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_WhiteoutsAndOpaqueMarkers_AreRecordedNotListed()
    {
        var layer = new TestLayer()
            .Whiteout("/etc/old.conf")
            .OpaqueDirectory("/var/lib/apt")
            .Raw(TarEntryType.RegularFile, "var/.wh..wh.plnk")
            .File("/var/lib/apt/lists", "x");

        var contents = (await ReadAsync(layer)).Contents;

        Assert.Equal(["/etc/old.conf"], contents.Whiteouts);
        Assert.Equal(["/var/lib/apt"], contents.OpaqueDirectories);
        Assert.Equal(["/var/lib/apt/lists"], contents.Entries.Keys);
    }

    [Fact]
    public async Task ReadLayer_AbsoluteAndDottedNames_AreNormalised()
    {
        var layer = new TestLayer()
            .Raw(TarEntryType.RegularFile, "/etc/hosts", "h"u8.ToArray())
            .Raw(TarEntryType.RegularFile, "./usr//lib/../share/doc", "d"u8.ToArray());

        var contents = (await ReadAsync(layer)).Contents;

        Assert.Equal(["/etc/hosts", "/usr/share/doc"], contents.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil")]
    [InlineData("usr/../../escape")]
    public async Task ReadLayer_NameClimbingAboveRoot_RejectsTheImageNamingTheEntry(string name)
    {
        var layer = new TestLayer().Raw(TarEntryType.RegularFile, name, "x"u8.ToArray());

        var error = await Assert.ThrowsAsync<ImageReadException>(() => ReadAsync(layer));

        Assert.StartsWith("test: layer hostile", error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_HardLinkClimbingAboveRoot_IsRejected()
    {
        var layer = new TestLayer().Raw(TarEntryType.HardLink, "etc/x", linkName: "../../etc/shadow");

        var error = await Assert.ThrowsAsync<ImageReadException>(() => ReadAsync(layer));

        Assert.Contains("above the image root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_AbsurdlyLongName_IsRejected()
    {
        var layer = new TestLayer().Raw(TarEntryType.RegularFile, string.Join('/', Enumerable.Repeat("abcdefgh", 600)), "x"u8.ToArray());

        var error = await Assert.ThrowsAsync<ImageReadException>(() => ReadAsync(layer));

        Assert.Contains("over the limit of 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_DecompressionBomb_StopsEarly()
    {
        const long size = 256L * 1024 * 1024;
        using var blob = new MemoryStream();
        new TestLayer().ZeroFile("/zeros", size).WriteBlob(blob, TestCompression.Zstd);
        blob.Position = 0;
        using var input = new NonSeekableStream(blob);

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Session().ReadLayerAsync(input, 0, "bomb", CancellationToken.None));

        Assert.Contains("decompression bomb", error.Message, StringComparison.Ordinal);
        var inflated = long.Parse(Regex.Match(error.Message, "to over ([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(inflated, ReaderLimits.Default.ExpansionCheckAfterBytes, 2 * ReaderLimits.Default.ExpansionCheckAfterBytes);
    }

    [Fact]
    public async Task ReadLayer_ImageByteLimit_IsSharedAcrossLayers()
    {
        var session = Session(new ReaderLimits { MaxImageBytes = 15_000 });
        var layer = new TestLayer().File("/a", new byte[10_000]);

        await session.ReadLayerAsync(new MemoryStream(layer.ToTar()), 0, "first", CancellationToken.None);
        var error = await Assert.ThrowsAsync<ImageReadException>(() => session.ReadLayerAsync(new MemoryStream(layer.ToTar()), 1, "second", CancellationToken.None));

        Assert.Contains("MaxImageBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_EntryLimit_IsEnforced()
    {
        var layer = new TestLayer().File("/a", "1").File("/b", "2").File("/c", "3");

        var error = await Assert.ThrowsAsync<ImageReadException>(() =>
            Session(new ReaderLimits { MaxEntries = 2 }).ReadLayerAsync(new MemoryStream(layer.ToTar()), 0, "many", CancellationToken.None));

        Assert.Contains("MaxEntries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_RetainedBytesLimit_IsEnforced()
    {
        var layer = new TestLayer().File("/etc/a", new byte[600]).File("/etc/b", new byte[600]);

        var error = await Assert.ThrowsAsync<ImageReadException>(() =>
            Session(new ReaderLimits { MaxRetainedBytes = 1000 }, new FileSelection(["/etc/*"])).ReadLayerAsync(new MemoryStream(layer.ToTar()), 0, "l", CancellationToken.None));

        Assert.Contains("MaxRetainedBytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestCompression.Gzip)]
    [InlineData(TestCompression.Zstd)]
    [InlineData(TestCompression.None)]
    public async Task ReadLayer_TruncatedBlob_FailsOrHashesDifferently(TestCompression compression)
    {
        var layer = new TestLayer().File("/a", new byte[20_000]).File("/b", "b");
        using var blob = new MemoryStream();
        layer.WriteBlob(blob, compression);
        var truncated = blob.ToArray()[..(int)(blob.Length * 2 / 3)];
        var expected = ImageReadSession.Sha256Digest(layer.ToTar());
        var session = Session();

        var error = await Assert.ThrowsAsync<ImageReadException>(async () =>
        {
            var result = await session.ReadLayerAsync(new MemoryStream(truncated), 0, "cut", CancellationToken.None);
            session.Verify(result, expected);
        });

        Assert.Contains("layer cut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_GarbageAfterGzipMagic_IsReportedAsCorrupt()
    {
        byte[] garbage = [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0xff, 0xff, 0x12, 0x34, 0x56, 0x78, 0x9a];

        var error = await Assert.ThrowsAsync<ImageReadException>(() => Session().ReadLayerAsync(new MemoryStream(garbage), 0, "junk", CancellationToken.None));

        Assert.Contains("layer junk is corrupt or truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLayer_TarPaddingAfterEndMarker_IsCoveredByTheDiffId()
    {
        var tar = new TestLayer().File("/a", "a").ToTar();
        var padded = tar.Concat(new byte[10240]).ToArray();

        var result = await Session().ReadLayerAsync(new MemoryStream(padded), 0, "padded", CancellationToken.None);

        Assert.Equal(ImageReadSession.Sha256Digest(padded), result.DiffId);
    }

    [Theory]
    [InlineData("gnu-tar.tar")]
    [InlineData("bsdtar.tar")]
    public async Task ReadLayer_XattrsAsGnuTarAndBsdtarWriteThem_KeepFileCapabilities(string tar)
    {
        var result = await ReadTestDataAsync(tar);

        Assert.Equal("cap_net_raw=ep", result.Contents.Entries["/usr/bin/ping"].Capabilities?.ToString());
        Assert.Equal("cap_setuid,cap_sys_admin=ep", result.Contents.Entries["/usr/sbin/helper"].Capabilities?.ToString());
        Assert.Equal("cap_net_raw=ep", result.Contents.Entries["/usr/bin/ping6"].Capabilities?.ToString());
        Assert.Null(result.Contents.Entries["/usr/bin/plain"].Capabilities);
        Assert.Null(result.Contents.Entries["/usr/bin"].Capabilities);
    }

    [Fact]
    public async Task ReadLayer_CapabilityAttributeTheKernelWouldRefuse_IsLeftOutWithAWarning()
    {
        var warnings = new List<string>();
        var layer = new TestLayer()
            .FileWithPaxRecords("/usr/bin/odd", "x", new Dictionary<string, string> { ["SCHILY.xattr.security.capability"] = "not a vfs_cap_data" })
            .File("/usr/bin/next", "y");
        var session = new ImageReadSession("test", new FileSelection([]), new ImageReaderOptions { Progress = new Warnings(warnings) });

        var result = await session.ReadLayerAsync(new NonSeekableStream(new MemoryStream(layer.ToTar())), 0, "odd", CancellationToken.None);

        Assert.Null(result.Contents.Entries["/usr/bin/odd"].Capabilities);
        Assert.Null(result.Contents.Entries["/usr/bin/next"].Capabilities);
        Assert.Equal(
            ["warning: test: layer odd: 'usr/bin/odd': the security.capability attribute is not a capability set the kernel would accept; it is left out"],
            warnings);
    }

    private static async Task<LayerReadResult> ReadTestDataAsync(string name)
    {
        await using var tar = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "testdata", "xattrs", name));
        return await Session().ReadLayerAsync(new NonSeekableStream(tar), 0, name, CancellationToken.None);
    }

    private static ImageReadSession Session(ReaderLimits? limits = null, FileSelection? selection = null) =>
        new("test", selection ?? new FileSelection(["/etc/*", "/usr/bin/*"]), new ImageReaderOptions { Limits = limits ?? ReaderLimits.Default });

    private static async Task<LayerReadResult> ReadAsync(TestLayer layer, TestCompression compression = TestCompression.None, FileSelection? selection = null)
    {
        using var blob = new MemoryStream();
        layer.WriteBlob(blob, compression);
        blob.Position = 0;
        return await Session(selection: selection).ReadLayerAsync(new NonSeekableStream(blob), 0, "hostile", CancellationToken.None);
    }

    private sealed class Warnings(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
