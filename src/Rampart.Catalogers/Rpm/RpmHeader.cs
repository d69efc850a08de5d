using System.Buffers.Binary;
using System.Text;

namespace Rampart.Catalogers.Rpm;

/// <summary>
/// An rpm header blob as the rpm database stores it (rpm's lib/header.c; reference sbom-catalogers.md §2.4):
/// big-endian <c>il</c> (index entries) and <c>dl</c> (data length), <c>il</c> entries of 16 bytes
/// <c>{tag, type, offset, count}</c>, then <c>dl</c> bytes of data.
/// </summary>
public sealed class RpmHeader
{
    private const int EntrySize = 16;
    private const int MaxEntries = 0xFFFF;
    private const int MaxDataLength = 256 * 1024 * 1024;

    private readonly byte[] _data;
    private readonly Dictionary<int, (int Type, int Offset, int Count)> _entries;

    private RpmHeader(byte[] data, Dictionary<int, (int Type, int Offset, int Count)> entries)
    {
        _data = data;
        _entries = entries;
    }

    /// <summary>
    /// Reads the index of <paramref name="blob"/>. Region tags (61–63, whose entries all lie in the index anyway) are
    /// passed over; a later entry of the same tag replaces an earlier one, as entries appended after the region do in
    /// rpm. Returns <see langword="null"/> with a warning when the blob is too short or its counts are impossible; an
    /// entry whose type is unknown or whose data lies outside the blob is skipped with a warning.
    /// </summary>
    public static RpmHeader? Parse(ReadOnlySpan<byte> blob, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (blob.Length < 8)
        {
            warn("header blob shorter than its 8-byte preamble");
            return null;
        }

        var indexLength = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dataLength = BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        if (indexLength is <= 0 or > MaxEntries || dataLength is < 0 or > MaxDataLength || 8L + ((long)indexLength * EntrySize) + dataLength > blob.Length)
        {
            warn($"header blob claims {indexLength} entries and {dataLength} data bytes, more than its {blob.Length} bytes");
            return null;
        }

        var dataStart = 8 + (indexLength * EntrySize);
        var data = blob.Slice(dataStart, dataLength).ToArray();
        var entries = new Dictionary<int, (int Type, int Offset, int Count)>();
        for (var i = 0; i < indexLength; i++)
        {
            var entry = blob.Slice(8 + (i * EntrySize), EntrySize);
            var tag = BinaryPrimitives.ReadInt32BigEndian(entry);
            var type = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            var count = BinaryPrimitives.ReadInt32BigEndian(entry[12..]);
            if (tag is >= 61 and <= 63)
            {
                continue;
            }

            if (type is < 0 or > 9 || offset < 0 || offset > dataLength || count < 0 || (long)count * FixedSize(type) > dataLength - offset)
            {
                warn($"header entry for tag {tag} (type {type}, offset {offset}, count {count}) lies outside the data, skipped");
                continue;
            }

            entries[tag] = (type, offset, count);
        }

        return new RpmHeader(data, entries);
    }

    /// <summary>The first string of a STRING, STRING_ARRAY or I18NSTRING tag (for I18N, the C locale).</summary>
    public string? Text(int tag) => Texts(tag) is [var first, ..] ? first : null;

    /// <summary>The strings of a string-typed tag, or empty when absent or of another type.</summary>
    public IReadOnlyList<string> Texts(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || entry.Type is not (StringType or StringArrayType or I18NStringType))
        {
            return [];
        }

        var count = entry.Type == StringType ? 1 : entry.Count;
        var strings = new List<string>(Math.Min(count, 4096));
        var position = entry.Offset;
        for (var i = 0; i < count; i++)
        {
            var end = Array.IndexOf(_data, (byte)0, position);
            if (end < 0)
            {
                break;
            }

            strings.Add(Encoding.UTF8.GetString(_data, position, end - position));
            position = end + 1;
        }

        return strings;
    }

    /// <summary>The values of an INT32 tag, or empty when absent or of another type.</summary>
    public IReadOnlyList<int> Numbers(int tag)
    {
        if (!_entries.TryGetValue(tag, out var entry) || entry.Type != Int32Type)
        {
            return [];
        }

        var values = new int[entry.Count];
        for (var i = 0; i < entry.Count; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(entry.Offset + (i * 4)));
        }

        return values;
    }

    /// <summary>The first value of an INT32 tag.</summary>
    public int? Number(int tag) => Numbers(tag) is [var first, ..] ? first : null;

    private const int Int32Type = 4;
    private const int StringType = 6;
    private const int StringArrayType = 8;
    private const int I18NStringType = 9;

    /// <summary>Bytes per element; strings are at least one byte (their NUL).</summary>
    private static int FixedSize(int type) => type switch
    {
        3 => 2,
        Int32Type => 4,
        5 => 8,
        _ => type == 0 ? 0 : 1,
    };
}
