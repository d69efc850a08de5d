using System.IO.Compression;
using ZstdSharp;

namespace Rampart.Images.Layers;

/// <summary>How a layer blob is compressed, decided by its magic bytes as ggcr does, never by its media type.</summary>
public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}

internal static class LayerCompressions
{
    /// <summary>Bytes needed to tell the compressions apart.</summary>
    public const int MagicLength = 4;

    public static LayerCompression Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return LayerCompression.Gzip;
        }

        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd)
        {
            return LayerCompression.Zstd;
        }

        return LayerCompression.None;
    }

    /// <summary>The decompressed view of <paramref name="stored"/>, which is left open.</summary>
    public static Stream Decompress(Stream stored, LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(stored, CompressionMode.Decompress, leaveOpen: true),
        LayerCompression.Zstd => new DecompressionStream(stored, bufferSize: 0, checkEndOfStream: true, leaveOpen: true),
        _ => stored,
    };

    /// <summary>Whether <paramref name="head"/> (at least 512 bytes) starts a tar archive: a ustar/GNU header, or the zero block of an empty one.</summary>
    public static bool LooksLikeTar(ReadOnlySpan<byte> head)
    {
        if (head.Length < 512)
        {
            return false;
        }

        return head.Slice(257, 5).SequenceEqual("ustar"u8) || !head[..512].ContainsAnyExcept((byte)0);
    }
}
