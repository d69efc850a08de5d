using System.Globalization;
using System.Text;

namespace Rampart.Robustness.Tests.Support;

/// <summary>
/// Writes tar blocks byte by byte, for entries no well-behaved writer produces: names that are not UTF-8, sizes that
/// lie, broken checksums, PAX and GNU records of absurd length, unknown type flags.
/// </summary>
internal sealed class RawTar
{
    private readonly List<byte> _bytes = [];

    /// <summary>A ustar header and its data; <paramref name="sizeField"/> overrides the size written in the header.</summary>
    public RawTar Entry(byte[] name, char type, byte[]? data = null, string? linkName = null, string? sizeField = null, bool breakChecksum = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        data ??= [];
        var header = new byte[512];
        name.AsSpan(0, Math.Min(100, name.Length)).CopyTo(header);
        Octal(header, 100, 8, "644");
        Octal(header, 108, 8, "0");
        Octal(header, 116, 8, "0");
        Octal(header, 124, 12, sizeField ?? Convert.ToString(data.Length, 8));
        Octal(header, 136, 12, "14544321060");
        header[156] = (byte)type;
        if (linkName is not null)
        {
            Encoding.UTF8.GetBytes(linkName).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(linkName))).CopyTo(header.AsSpan(157));
        }

        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        "        "u8.CopyTo(header.AsSpan(148));
        var sum = header.Sum(b => (int)b) + (breakChecksum ? 1 : 0);
        Octal(header, 148, 7, Convert.ToString(sum, 8));
        _bytes.AddRange(header);
        _bytes.AddRange(data);
        _bytes.AddRange(new byte[(512 - (data.Length % 512)) % 512]);
        return this;
    }

    public RawTar Entry(string name, char type, byte[]? data = null, string? linkName = null, string? sizeField = null, bool breakChecksum = false) =>
        Entry(Encoding.UTF8.GetBytes(name), type, data, linkName, sizeField, breakChecksum);

    /// <summary>A PAX extended header ('x') holding <paramref name="records"/>, then the file it describes (its ustar size field can lie; a PAX size record wins).</summary>
    public RawTar Pax(IEnumerable<(string Key, string Value)> records, string name, byte[] data, string? sizeField = null)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in records)
        {
            var body = $" {key}={value}\n";
            var length = body.Length + 1;
            while ((length.ToString(CultureInfo.InvariantCulture) + body).Length != length)
            {
                length++;
            }

            text.Append(CultureInfo.InvariantCulture, $"{length}{body}");
        }

        return Entry("PaxHeaders/" + name, 'x', Encoding.UTF8.GetBytes(text.ToString())).Entry(name, '0', data, sizeField: sizeField);
    }

    /// <summary>Raw bytes as they are, for headers whose data never follows.</summary>
    public RawTar Bytes(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>The archive with its two zero blocks, unless <paramref name="end"/> is false (a truncated archive).</summary>
    public byte[] ToArray(bool end = true)
    {
        return end ? [.. _bytes, .. new byte[1024]] : [.. _bytes];
    }

    private static void Octal(byte[] header, int offset, int length, string value)
    {
        var text = value.PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(text).AsSpan(0, Math.Min(length - 1, text.Length)).CopyTo(header.AsSpan(offset));
    }
}
