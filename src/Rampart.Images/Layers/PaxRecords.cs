using System.Globalization;
using System.Text;

namespace Rampart.Images.Layers;

/// <summary>
/// Reads the records of a PAX extended header, <c>LENGTH key=value\n</c> each, LENGTH counting the whole record in
/// bytes. Values are bytes: GNU tar and Go write <c>SCHILY.xattr.*</c> values raw, which a UTF-8 string would mangle.
/// </summary>
internal static class PaxRecords
{
    /// <summary>The value of the last <paramref name="key"/> record (later records override earlier ones), or false when none.</summary>
    /// <remarks>Reading stops at the first malformed record; TarReader rejects such a header on its own.</remarks>
    public static bool TryFind(ReadOnlySpan<byte> records, string key, out ReadOnlySpan<byte> value)
    {
        var wanted = Encoding.UTF8.GetBytes(key);
        var found = false;
        value = default;
        while (!records.IsEmpty)
        {
            var space = records.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(records[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length <= space + 1 || length > records.Length || records[length - 1] != (byte)'\n')
            {
                break;
            }

            var record = records[(space + 1)..(length - 1)];
            var equals = record.IndexOf((byte)'=');
            if (equals >= 0 && record[..equals].SequenceEqual(wanted))
            {
                value = record[(equals + 1)..];
                found = true;
            }

            records = records[length..];
        }

        return found;
    }
}
