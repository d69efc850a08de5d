using System.Buffers.Binary;

namespace Rampart.Catalogers.Java;

/// <summary>The zip records <see cref="JavaArchiveInspector"/> walks (APPNOTE.TXT 4.3).</summary>
internal static class Zip
{
    public const int LocalHeaderLength = 30;
    public const int CentralHeaderLength = 46;
    public const int EndRecordLength = 22;
    public const int DescriptorLength = 16;
    public const int Zip64DescriptorLength = 24;
    public const int DataDescriptorFlag = 1 << 3;
    public const int Stored = 0;
    public const int Deflated = 8;
    private const ushort Zip64ExtraId = 0x0001;

    public static ReadOnlySpan<byte> LocalHeader => "PK\x03\x04"u8;

    public static ReadOnlySpan<byte> CentralHeader => "PK\x01\x02"u8;

    public static ReadOnlySpan<byte> Zip64End => "PK\x06\x06"u8;

    public static ReadOnlySpan<byte> Zip64Locator => "PK\x06\x07"u8;

    public static ReadOnlySpan<byte> EndRecord => "PK\x05\x06"u8;

    public static ReadOnlySpan<byte> DataDescriptor => "PK\x07\x08"u8;

    /// <summary>The sizes of a local header's zip64 extended information (4.5.3), or <see langword="null"/> without one.</summary>
    public static (long Uncompressed, long Compressed)? Zip64Sizes(ReadOnlySpan<byte> extra)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + length > extra.Length)
            {
                return null;
            }

            if (id == Zip64ExtraId && length >= 16)
            {
                return (Clamp(BinaryPrimitives.ReadUInt64LittleEndian(extra[4..])), Clamp(BinaryPrimitives.ReadUInt64LittleEndian(extra[12..])));
            }

            extra = extra[(4 + length)..];
        }

        return null;
    }

    private static long Clamp(ulong value) => (long)Math.Min(value, long.MaxValue);
}
