using System.Globalization;
using System.Text;

namespace Rampart.Catalogers.Java;

/// <summary>
/// The <c>META-INF/maven/&lt;groupId&gt;/&lt;artifactId&gt;/pom.properties</c> Maven writes into the jars it builds:
/// <c>groupId</c>, <c>artifactId</c> and <c>version</c> in the <c>java.util.Properties</c> text format
/// (https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/util/Properties.html#load(java.io.Reader)).
/// </summary>
/// <param name="GroupId">Maven groupId; <see langword="null"/> when the file has none.</param>
/// <param name="ArtifactId">Maven artifactId.</param>
/// <param name="Version">Version.</param>
public sealed record PomProperties(string? GroupId, string ArtifactId, string Version)
{
    /// <summary>Reads <paramref name="text"/>; <see langword="null"/> when it names no artifactId or no version (as Syft skips them).</summary>
    public static PomProperties? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var properties = Read(text);
        string? Value(string key) => properties.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        return Value("artifactId") is { } artifactId && Value("version") is { } version
            ? new PomProperties(Value("groupId"), artifactId, version)
            : null;
    }

    /// <summary>Logical lines (a line ending in an odd number of backslashes continues on the next), comments skipped.</summary>
    private static Dictionary<string, string> Read(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var logical = new StringBuilder();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = logical.Length > 0 ? raw.TrimStart(' ', '\t', '\f') : raw;
            if (logical.Length == 0 && line.TrimStart(' ', '\t', '\f') is var content && (content.Length == 0 || content[0] is '#' or '!'))
            {
                continue;
            }

            var trailing = line.Length - line.TrimEnd('\\').Length;
            if (trailing % 2 == 1)
            {
                logical.Append(line, 0, line.Length - 1);
                continue;
            }

            logical.Append(line);
            var (key, value) = KeyAndValue(logical.ToString().TrimStart(' ', '\t', '\f'));
            properties.TryAdd(key, value);
            logical.Clear();
        }

        return properties;
    }

    /// <summary>The key ends at the first unescaped <c>=</c>, <c>:</c> or white space; one such separator and the white space around it follow.</summary>
    private static (string Key, string Value) KeyAndValue(string line)
    {
        var end = 0;
        while (end < line.Length && line[end] is not ('=' or ':' or ' ' or '\t' or '\f'))
        {
            end += line[end] == '\\' ? 2 : 1;
        }

        end = Math.Min(end, line.Length);
        var rest = line.AsSpan(end).TrimStart(" \t\f");
        if (rest.Length > 0 && rest[0] is '=' or ':')
        {
            rest = rest[1..].TrimStart(" \t\f");
        }

        return (Unescape(line.AsSpan(0, end)), Unescape(rest));
    }

    private static string Unescape(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i == text.Length - 1)
            {
                builder.Append(text[i]);
                continue;
            }

            var escaped = text[++i];
            if (escaped == 'u' && i + 4 < text.Length
                && int.TryParse(text.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 4;
                continue;
            }

            builder.Append(escaped switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => escaped });
        }

        return builder.ToString();
    }
}
