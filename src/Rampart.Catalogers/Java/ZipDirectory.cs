using System.Buffers.Binary;

namespace Rampart.Catalogers.Java;

/// <summary>
/// The entry count a zip file declares in its end of central directory record (APPNOTE.TXT 4.3.16, and 4.3.14 for
/// zip64), read before <see cref="System.IO.Compression.ZipArchive"/> builds an object for every entry: a few
/// megabytes of central directory can declare millions of entries.
/// </summary>
internal static class ZipDirectory
{
    private const int EndRecordLength = 22;
    private const int Zip64LocatorLength = 20;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;

    /// <summary>The declared number of entries, or <see langword="null"/> when no end record is found (not a zip file).</summary>
    public static long? DeclaredEntries(ReadOnlySpan<byte> zip)
    {
        // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
        var lowest = Math.Max(0, zip.Length - EndRecordLength - ushort.MaxValue);
        for (var at = zip.Length - EndRecordLength; at >= lowest; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[at..]) != EndSignature)
            {
                continue;
            }

            var entries = BinaryPrimitives.ReadUInt16LittleEndian(zip[(at + 10)..]);
            return entries == ushort.MaxValue && Zip64Entries(zip, at) is { } zip64 ? zip64 : entries;
        }

        return null;
    }

    private static long? Zip64Entries(ReadOnlySpan<byte> zip, int endRecord)
    {
        var locator = endRecord - Zip64LocatorLength;
        if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(zip[locator..]) != Zip64LocatorSignature)
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(zip[(locator + 8)..]);
        if (offset > (ulong)(zip.Length - 40) || BinaryPrimitives.ReadUInt32LittleEndian(zip[(int)offset..]) != Zip64EndSignature)
        {
            return null;
        }

        var entries = BinaryPrimitives.ReadUInt64LittleEndian(zip[((int)offset + 32)..]);
        return entries > long.MaxValue ? long.MaxValue : (long)entries;
    }
}
