using System.Globalization;
using System.Text;

namespace Rampart.Reporting.Markdown;

/// <summary>
/// Turns text that came from an image (names, labels, paths, evidence) into inert Markdown: one line, no markup, no HTML,
/// no mentions, no CI workflow commands.
/// </summary>
public static class MarkdownText
{
    /// <summary>Longest text kept in one table cell; longer text ends in an ellipsis.</summary>
    public const int MaxCellLength = 300;

    /// <summary>
    /// <paramref name="text"/> as literal Markdown inline text: line breaks and control characters become spaces,
    /// Markdown and HTML punctuation is backslash-escaped (so <c>|</c> cannot end a table cell and <c>&lt;</c> cannot open
    /// a tag), <c>@</c> gets a zero-width space after it so it mentions nobody, and the <c>##vso[</c> and <c>::</c>
    /// prefixes of Azure DevOps and GitHub workflow commands are broken by escapes. Text longer than
    /// <paramref name="maxLength"/> is shortened with an ellipsis.
    /// </summary>
    public static string Escape(string? text, int maxLength = MaxCellLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var source = text.Length > maxLength ? string.Concat(text.AsSpan(0, maxLength), "…") : text;
        var builder = new StringBuilder(source.Length + 16);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '&' or '#' or '~' or '$' or '!':
                    builder.Append('\\').Append(c);
                    break;
                case ':' when i > 0 && source[i - 1] == ':':
                    builder.Append("\\:");
                    break;
                case '@':
                    builder.Append("@&#8203;");
                    break;
                case '\u2028' or '\u2029':
                    builder.Append(' ');
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append(' ');
                    }
                    else if (IsBidiControl(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The heading anchor GitHub (and Markdig's GitHub mode) gives <paramref name="heading"/>.</summary>
    public static string Anchor(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        return string.Concat(heading.ToLowerInvariant()
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_')
            .Select(c => c == ' ' ? '-' : c));
    }

    /// <summary>A Markdown link to <paramref name="url"/> with <paramref name="label"/> escaped; the label alone when there is no URL.</summary>
    public static string Link(string label, string? url) =>
        url is null ? Escape(label) : $"[{Escape(label)}](<{url.Replace(">", "%3E", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)}>)";

    /// <summary>A score or delta with at most one decimal: <c>12.5</c>, <c>35</c>.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Directional formatting characters that can make text read differently from what it is.</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
