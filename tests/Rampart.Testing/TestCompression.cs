using System.IO.Compression;
using ZstdSharp;

namespace Rampart.Testing;

/// <summary>How <see cref="TestImageBuilder"/> stores a layer blob.</summary>
public enum TestCompression
{
    None,
    Gzip,
    Zstd,
}

internal static class TestCompressions
{
    public static Stream Compress(Stream output, TestCompression compression) => compression switch
    {
        TestCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
        TestCompression.Zstd => new CompressionStream(output, level: 1, leaveOpen: true),
        _ => new NonClosingStream(output),
    };

    public static string OciMediaType(TestCompression compression) => compression switch
    {
        TestCompression.Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        TestCompression.Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
        _ => "application/vnd.oci.image.layer.v1.tar",
    };

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
