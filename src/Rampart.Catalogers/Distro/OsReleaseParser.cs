using System.Text;

namespace Rampart.Catalogers.Distro;

/// <summary>
/// Parses the <c>KEY=value</c> lines of os-release(5), which <c>/etc/lsb-release</c> shares.
/// </summary>
public static class OsReleaseParser
{
    /// <summary>
    /// Reads every assignment of <paramref name="text"/>. Following os-release(5): blank lines and lines starting
    /// with <c>#</c> are ignored; a value may be enclosed in double or single quotes; inside double quotes, and
    /// outside quotes, a backslash escapes the next character as in the shell (inside double quotes only before
    /// <c>$ " \ `</c>, otherwise the backslash stays); nothing is expanded. A line that is not an assignment, has a
    /// malformed name or an unterminated quote is reported through <paramref name="warn"/> and skipped. A later
    /// assignment of the same name wins, as when the shell sources the file.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                warn($"line {lineNumber}: not a KEY=value assignment, skipped");
                continue;
            }

            var name = line[..equals];
            if (!IsName(name))
            {
                warn($"line {lineNumber}: '{name}' is not a variable name, skipped");
                continue;
            }

            var value = Unquote(line[(equals + 1)..]);
            if (value is null)
            {
                warn($"line {lineNumber}: unterminated quote in {name}, skipped");
                continue;
            }

            fields[name] = value;
        }

        return fields;
    }

    private static bool IsName(string name) =>
        (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string? Unquote(string raw)
    {
        var value = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            switch (c)
            {
                case '\'':
                    var close = raw.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }

                    value.Append(raw, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    while (i < raw.Length && raw[i] != '"')
                    {
                        if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '$' or '"' or '\\' or '`')
                        {
                            i++;
                        }

                        value.Append(raw[i]);
                        i++;
                    }

                    if (i >= raw.Length)
                    {
                        return null;
                    }

                    i++;
                    break;
                case '\\' when i + 1 < raw.Length:
                    value.Append(raw[i + 1]);
                    i += 2;
                    break;
                default:
                    value.Append(c);
                    i++;
                    break;
            }
        }

        return value.ToString();
    }
}
