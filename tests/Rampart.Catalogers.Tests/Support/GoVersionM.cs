using System.Buffers;
using System.Globalization;
using System.Text;
using Rampart.Catalogers.Go;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// Writes parsed build information the way <c>go version -m</c> prints it (runtime/debug's <c>BuildInfo.String</c>,
/// one tab-indented line each), so a test can compare the reader with Go's own output line by line.
/// </summary>
internal static class GoVersionM
{
    private static readonly SearchValues<char> KeyQuoted = SearchValues.Create("= \t\r\n\"`");
    private static readonly SearchValues<char> ValueQuoted = SearchValues.Create(" \t\r\n\"`");

    /// <summary>The lines <c>go version -m</c> prints after the first, without empty ones.</summary>
    public static IReadOnlyList<string> OracleLines(string output) =>
        output.Split('\n').Skip(1).Select(l => l.TrimStart('\t')).Where(l => l.Trim().Length > 0).ToList();

    /// <summary>The toolchain version on the first line of <c>go version -m</c>: <c>/path: go1.19.8</c>.</summary>
    public static string OracleGoVersion(string output) => output.Split('\n')[0].Split(": ", 2)[1].Trim();

    public static IReadOnlyList<string> Lines(GoBuildInfo info)
    {
        var lines = new List<string>();
        if (info.Path is not null)
        {
            lines.Add($"path\t{info.Path}");
        }

        if (info.Main is { } main)
        {
            lines.AddRange(Module("mod", main));
        }

        foreach (var dependency in info.Dependencies)
        {
            lines.AddRange(Module("dep", dependency));
        }

        lines.AddRange(info.Settings.Select(s => $"build\t{(QuoteKey(s.Key) ? Quote(s.Key) : s.Key)}={(QuoteValue(s.Value) ? Quote(s.Value) : s.Value)}"));
        return lines;
    }

    private static IEnumerable<string> Module(string word, GoModule module) => module.Replacement is { } replacement
        ? [$"{word}\t{module.Path}\t{module.Version}", $"=>\t{replacement.Path}\t{replacement.Version}\t{replacement.Sum}"]
        : [$"{word}\t{module.Path}\t{module.Version}\t{module.Sum}"];

    private static bool QuoteKey(string key) => key.Length == 0 || key.AsSpan().ContainsAny(KeyQuoted);

    private static bool QuoteValue(string value) => value.AsSpan().ContainsAny(ValueQuoted);

    /// <summary>Go's <c>strconv.Quote</c> for the text build settings hold.</summary>
    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < ' ' or '\x7F' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
