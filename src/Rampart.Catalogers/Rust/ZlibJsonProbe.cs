using System.IO.Compression;

namespace Rampart.Catalogers.Rust;

/// <summary>
/// Tells, from its first bytes, whether a zlib stream (RFC 1950) starts a JSON object: what cargo-auditable's
/// <c>.dep-v0</c> data is. Cheap enough to ask at every <c>0x78</c> byte of an executable: the header and the first
/// deflate block (RFC 1951) rule out nearly every false start without inflating anything; only a dynamic block whose
/// code-length code is complete is inflated, and only its first two bytes.
/// </summary>
internal static class ZlibJsonProbe
{
    /// <summary>Bytes the probe may look at from the start of the stream: a dynamic block's code tables come first.</summary>
    public const int Length = 1024;

    private const byte Deflate32K = 0x78;

    /// <summary>
    /// The two bytes of a zlib header without a preset dictionary, at the four levels zlib and miniz write
    /// (<c>(CMF * 256 + FLG) % 31 == 0</c>).
    /// </summary>
    public static bool IsHeader(byte cmf, byte flg) => cmf == Deflate32K && flg is 0x01 or 0x5E or 0x9C or 0xDA;

    /// <summary>Whether <paramref name="zlib"/> (up to <see cref="Length"/> bytes) is a zlib stream whose output starts with <c>{"</c>.</summary>
    public static bool StartsJsonObject(ReadOnlySpan<byte> zlib)
    {
        if (zlib.Length < 8 || !IsHeader(zlib[0], zlib[1]))
        {
            return false;
        }

        var bits = new BitReader(zlib[2..]);
        bits.Read(1);
        switch (bits.Read(2))
        {
            case 0:
                // Stored: LEN and its one's complement NLEN on the next byte boundary, then the bytes as they are.
                var stored = zlib[3..];
                return (stored[0] | (stored[1] << 8)) == (~(stored[2] | (stored[3] << 8)) & 0xFFFF) && stored[4..].StartsWith("{\""u8);
            case 1:
                // Fixed Huffman codes: literals 0-143 are the 8-bit codes 0x30 + literal, most significant bit first.
                return bits.ReadCode(8) == 0x30 + '{' && bits.ReadCode(8) == 0x30 + '"';
            case 2:
                return CompleteCodeLengthCode(ref bits) && InflatesToJsonObject(zlib);
            default:
                return false;
        }
    }

    /// <summary>
    /// A dynamic block's header: literal/length and distance code counts in range, and the code lengths of its
    /// code-length code forming a complete prefix code, which zlib requires (Kraft sum exactly one).
    /// </summary>
    private static bool CompleteCodeLengthCode(ref BitReader bits)
    {
        var literals = bits.Read(5) + 257;
        var distances = bits.Read(5) + 1;
        var codeLengths = bits.Read(4) + 4;
        if (literals > 286 || distances > 30)
        {
            return false;
        }

        var kraft = 0;
        for (var i = 0; i < codeLengths; i++)
        {
            var length = bits.Read(3);
            if (length > 0)
            {
                kraft += 1 << (7 - length);
            }
        }

        return !bits.Overrun && kraft == 1 << 7;
    }

    private static bool InflatesToJsonObject(ReadOnlySpan<byte> zlib)
    {
        using var inflater = new ZLibStream(new MemoryStream(zlib.ToArray()), CompressionMode.Decompress);
        Span<byte> start = stackalloc byte[2];
        try
        {
            return inflater.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start.SequenceEqual("{\""u8);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Reads a deflate stream's bits: least significant first within each byte; zero bits past the end.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool Overrun => _position > _bytes.Length * 8;

        /// <summary>A number of <paramref name="count"/> bits, its least significant bit first (block headers, counts).</summary>
        public int Read(int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++)
            {
                value |= NextBit() << i;
            }

            return value;
        }

        /// <summary>A Huffman code of <paramref name="count"/> bits, its most significant bit first.</summary>
        public int ReadCode(int count)
        {
            var code = 0;
            for (var i = 0; i < count; i++)
            {
                code = (code << 1) | NextBit();
            }

            return code;
        }

        private int NextBit()
        {
            var position = _position++;
            return position < _bytes.Length * 8 ? (_bytes[position >> 3] >> (position & 7)) & 1 : 0;
        }
    }
}
