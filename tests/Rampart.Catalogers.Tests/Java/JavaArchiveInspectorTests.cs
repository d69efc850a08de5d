using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Rampart.Catalogers.Java;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using JavaArchives = Rampart.Testing.JavaArchives;

namespace Rampart.Catalogers.Tests.Java;

/// <summary>The streaming zip reader on archives the JDK's jar tool and .NET's zip writer made, fed as a layer would feed it, and on hostile bytes.</summary>
[Collection(JavaArchivesFixture.Name)]
public sealed class JavaArchiveInspectorTests(JavaArchives jars)
{
    private readonly JavaArchiveInspector _inspector = new();
    private readonly List<string> _warnings = [];

    private static byte[]? Extract(byte[] bytes, JavaArchiveInspector inspector) =>
        ContentInspection.Inspect([inspector], bytes)?[JavaArchiveInspector.InspectorName].ToArray();

    private List<string> Read(byte[] bytes, string path) =>
        Extract(bytes, _inspector) is { } extract
            ? [.. JavaArchive.Read(extract, path, _warnings.Add).Select(a => $"{a.GroupId}/{a.ArtifactId}@{a.Version} {a.Location}")]
            : [];

    /// <summary>The extract when the file comes in chunks of <paramref name="length"/> bytes.</summary>
    private byte[]? ExtractInChunks(byte[] bytes, int length)
    {
        var inspection = _inspector.Start(bytes.AsSpan(0, Math.Min(ContentInspection.HeadLength, bytes.Length)), bytes.Length);
        Assert.NotNull(inspection);
        for (var at = 0; at < bytes.Length && inspection.Feed(bytes.AsSpan(at, Math.Min(length, bytes.Length - at))); at += length)
        {
        }

        return inspection.Complete()?.ToArray();
    }

    [Theory]
    [InlineData(JavaArchives.ShopWar)]
    [InlineData(JavaArchives.BootApp)]
    [InlineData(JavaArchives.Nesting)]
    [InlineData(JavaArchives.ShadedApp)]
    public void Chunks_of_any_length_give_the_same_extract(string name)
    {
        var bytes = jars.Bytes(name);
        var whole = Extract(bytes, _inspector);

        Assert.NotNull(whole);
        Assert.NotEmpty(JavaArchive.Read(whole, "/" + name, _warnings.Add));
        foreach (var length in new[] { 1, 3, 7, 4093 })
        {
            Assert.Equal(whole, ExtractInChunks(bytes, length));
        }
    }

    [Fact]
    public void The_jar_tool_writes_data_descriptors_and_entries_end_where_theirs_says()
    {
        var bytes = jars.Bytes(JavaArchives.CommonsDemo);
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)) & 8);

        Assert.Equal(["org.example/commons-demo@1.4.2 /commons-demo-1.4.2.jar"], Read(bytes, "/commons-demo-1.4.2.jar"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Stored_entries_with_data_descriptors_are_read()
    {
        var bytes = DotNetZip(CompressionLevel.NoCompression);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)) & 8);

        Assert.Equal(["org.example/streamed@3.0 /streamed-3.0.jar", "org.example/inner@1.0 /streamed-3.0.jar:lib/inner-1.0.jar"], Read(bytes, "/streamed-3.0.jar"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_data_descriptor_without_its_signature_cannot_end_an_entry_and_the_archive_is_skipped()
    {
        var bytes = DotNetZip(CompressionLevel.NoCompression);
        var descriptor = bytes.AsSpan().IndexOf("PK\x07\x08"u8);
        bytes = [.. bytes[..descriptor], .. bytes[(descriptor + 4)..]];

        Assert.Empty(Read(bytes, "/streamed-3.0.jar"));
        Assert.StartsWith("not a readable zip archive (it ends before its end of central directory record", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deflated_nested_jar_is_inflated_into_its_reader()
    {
        var war = jars.Bytes(JavaArchives.ShopWar);
        var header = war.AsSpan().IndexOf("WEB-INF/lib/commons-demo-1.4.2.jar"u8) - 30;
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(war.AsSpan(header + 8)));

        Assert.Contains("org.example/commons-demo@1.4.2 /shop.war:WEB-INF/lib/commons-demo-1.4.2.jar", Read(war, "/shop.war"));
    }

    [Fact]
    public void A_jar_bigger_than_what_a_layer_keeps_whole_is_cataloged()
    {
        var bytes = jars.Bytes(JavaArchives.Large);
        Assert.True(bytes.Length > FileSelection.DefaultMaxFileBytes);
        var logger = new ListLogger();

        var packages = new JavaArchiveCataloger().Catalog(Contexts.For(new TestImage().Inspected("/opt/large-2.0.jar", bytes).View(), null, logger));

        Assert.Equal("pkg:maven/com.example/large@2.0", Assert.Single(packages).Purl?.ToString());
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public void Only_the_manifest_and_pom_properties_of_a_large_jar_are_kept()
    {
        var extract = Extract(jars.Bytes(JavaArchives.Large), _inspector);

        Assert.NotNull(extract);
        Assert.InRange(extract.Length, 1, 4096);
    }

    [Fact]
    public void Every_truncation_of_an_archive_is_skipped_with_a_warning_never_an_exception()
    {
        var bytes = jars.Bytes(JavaArchives.ShopWar);
        for (var length = 4; length < bytes.Length; length += 7)
        {
            _warnings.Clear();
            Assert.Empty(Read(bytes[..length], "/shop.war"));
            Assert.Contains(_warnings, w => w.StartsWith("not a readable zip archive", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Corrupted_bytes_cost_warnings_never_an_exception()
    {
        var original = jars.Bytes(JavaArchives.ShopWar);
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                bytes[random.Next(4, bytes.Length)] = (byte)random.Next(256);
            }

            _ = Read(bytes, "/shop.war");
        }
    }

    [Fact]
    public void A_local_header_claiming_huge_sizes_ends_as_an_unreadable_archive()
    {
        var header = new byte[30 + 20];
        "PK\x03\x04"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), uint.MaxValue);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(26), 20);
        Encoding.ASCII.GetBytes("META-INF/MANIFEST.MF").CopyTo(header, 30);

        Assert.Empty(Read([.. header, .. new byte[5000]], "/x-1.0.jar"));
        Assert.StartsWith("not a readable zip archive", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    /// <summary>
    /// A jar as .NET's zip writer streams one to a pipe (sizes after the data, in data descriptors), holding a
    /// pom.properties and a nested jar written the same way.
    /// </summary>
    private static byte[] DotNetZip(CompressionLevel level)
    {
        static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(new ForwardOnly(buffer), ZipArchiveMode.Create))
            {
                foreach (var (name, content) in entries)
                {
                    using var stream = zip.CreateEntry(name, level).Open();
                    stream.Write(content);
                }
            }

            return buffer.ToArray();
        }

        static byte[] Pom(string artifact, string version) => Encoding.UTF8.GetBytes($"groupId=org.example\nartifactId={artifact}\nversion={version}\n");

        var inner = Zip(level, ("META-INF/maven/org.example/inner/pom.properties", Pom("inner", "1.0")));
        return Zip(level, ("META-INF/maven/org.example/streamed/pom.properties", Pom("streamed", "3.0")), ("lib/inner-1.0.jar", inner));
    }

    /// <summary>A stream that can only be written forward, as a pipe, so the zip writer cannot go back to fill in sizes.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
