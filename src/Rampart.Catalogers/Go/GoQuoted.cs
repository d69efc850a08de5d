using System.Globalization;
using System.Text;

namespace Rampart.Catalogers.Go;

/// <summary>Reads a string Go's <c>strconv.Quote</c> wrote, as build settings carry values with spaces or quotes.</summary>
internal static class GoQuoted
{
    /// <summary>
    /// Unquotes the double-quoted string at the start of <paramref name="text"/>; <paramref name="consumed"/> is how many
    /// characters it took, quotes included. False when the string is unterminated or holds an escape Go does not write.
    /// </summary>
    public static bool Unquote(string text, out string value, out int consumed)
    {
        value = string.Empty;
        consumed = 0;
        if (!text.StartsWith('"'))
        {
            return false;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                value = Encoding.UTF8.GetString([.. bytes]);
                consumed = i + 1;
                return true;
            }

            if (c != '\\')
            {
                var width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text, i, width));
                i += width - 1;
                continue;
            }

            if (++i >= text.Length)
            {
                return false;
            }

            switch (text[i])
            {
                case 'a': bytes.Add(0x07); break;
                case 'b': bytes.Add(0x08); break;
                case 'f': bytes.Add(0x0C); break;
                case 'n': bytes.Add(0x0A); break;
                case 'r': bytes.Add(0x0D); break;
                case 't': bytes.Add(0x09); break;
                case 'v': bytes.Add(0x0B); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case 'x' when Hex(text, i + 1, 2) is { } b:
                    bytes.Add((byte)b);
                    i += 2;
                    break;
                case 'u' when Hex(text, i + 1, 4) is { } rune && Rune.IsValid(rune):
                    bytes.AddRange(utf8[..new Rune(rune).EncodeToUtf8(utf8)].ToArray());
                    i += 4;
                    break;
                case 'U' when Hex(text, i + 1, 8) is { } rune && Rune.IsValid(rune):
                    bytes.AddRange(utf8[..new Rune(rune).EncodeToUtf8(utf8)].ToArray());
                    i += 8;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static int? Hex(string text, int start, int digits) =>
        start + digits <= text.Length && int.TryParse(text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
