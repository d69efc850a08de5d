using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Catalogers.Ruby;

/// <summary>
/// An installed gem's specification, as RubyGems writes it to <c>specifications/&lt;name&gt;-&lt;version&gt;.gemspec</c>
/// (<c>Gem::Specification#to_ruby</c>): one <c>s.attribute = value</c> line per attribute, values as Ruby string
/// literals (<c>"x".freeze</c>, non-ASCII as <c>\u00E9</c>) or arrays of them, then the dependencies. Read as text,
/// line by line, as Syft and Trivy do (reference sbom-catalogers.md §3.6); nothing is evaluated.
/// </summary>
/// <param name="Name">Gem name.</param>
/// <param name="Version">Version.</param>
/// <param name="Licenses"><c>s.licenses</c> (or a source gemspec's <c>s.license</c>).</param>
/// <param name="Authors"><c>s.authors</c>.</param>
/// <param name="Summary"><c>s.summary</c>.</param>
/// <param name="Dependencies">Names of the runtime dependencies.</param>
public sealed partial record Gemspec(
    string Name, string Version, IReadOnlyList<string> Licenses, IReadOnlyList<string> Authors, string? Summary, IReadOnlyList<string> Dependencies)
{
    /// <summary>Reads <paramref name="text"/>; <see langword="null"/> with a warning when it has no name or no version.</summary>
    public static Gemspec? Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var attributes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var dependencies = new List<string>();
        var inFallback = false;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();

            // RubyGems writes every dependency twice or three times: the typed calls, then plain add_dependency calls in
            // "else" branches for RubyGems older than 1.2, which list development dependencies too.
            if (line is "else" or "end")
            {
                inFallback = line == "else";
            }
            else if (Attribute().Match(line) is { Success: true } attribute)
            {
                attributes.TryAdd(attribute.Groups["name"].Value, Literals(attribute.Groups["value"].Value));
            }
            else if (!inFallback && Dependency().Match(line) is { Success: true } dependency && dependency.Groups["type"].Value != "development_")
            {
                dependencies.Add(Literals(dependency.Groups["args"].Value).FirstOrDefault() ?? string.Empty);
            }
        }

        string? First(string name) => attributes.TryGetValue(name, out var values) && values.Count > 0 && values[0].Length > 0 ? values[0] : null;
        IReadOnlyList<string> All(string name) => attributes.TryGetValue(name, out var values) ? values.Where(v => v.Length > 0).ToList() : [];

        if (First("name") is not { } name || First("version") is not { } version)
        {
            warn("gemspec without s.name or s.version, skipped");
            return null;
        }

        return new Gemspec(
            name,
            version,
            All("licenses") is { Count: > 0 } licenses ? licenses : All("license"),
            All("authors"),
            First("summary"),
            dependencies.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The string literals of a Ruby expression in order: <c>"..."</c>, <c>'...'</c> and <c>%q&lt;...&gt;</c>.</summary>
    private static List<string> Literals(string expression)
    {
        var values = new List<string>();
        for (var i = 0; i < expression.Length; i++)
        {
            switch (expression[i])
            {
                case '"':
                    values.Add(DoubleQuoted(expression, ref i));
                    break;
                case '\'':
                    values.Add(SingleQuoted(expression, ref i));
                    break;
                case '%' when i + 2 < expression.Length && expression[i + 1] == 'q' && Closing(expression[i + 2]) is { } close:
                    var end = expression.IndexOf(close, i + 3);
                    end = end < 0 ? expression.Length : end;
                    values.Add(expression[(i + 3)..end]);
                    i = end;
                    break;
                case '#':
                    return values;
            }
        }

        return values;
    }

    private static char? Closing(char open) => open switch { '<' => '>', '{' => '}', '(' => ')', '[' => ']', '|' => '|', _ => null };

    /// <summary>A double-quoted literal from <paramref name="i"/> (its opening quote) to its closing quote, escapes decoded as String#dump writes them.</summary>
    private static string DoubleQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < text.Length && text[i] != '"'; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                value.Append(text[i]);
                continue;
            }

            var escape = text[++i];
            switch (escape)
            {
                case 'u' when i + 1 < text.Length && text[i + 1] == '{':
                    var close = text.IndexOf('}', i + 2);
                    var codes = close < 0 ? [] : text[(i + 2)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    foreach (var code in codes)
                    {
                        AppendCodePoint(value, code);
                    }

                    i = close < 0 ? text.Length : close;
                    break;
                case 'u' when i + 4 < text.Length:
                    AppendCodePoint(value, text.Substring(i + 1, 4));
                    i += 4;
                    break;
                case 'x' when i + 2 < text.Length:
                    AppendCodePoint(value, text.Substring(i + 1, 2));
                    i += 2;
                    break;
                default:
                    value.Append(escape switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'e' => '\e', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v', 's' => ' ', _ => escape });
                    break;
            }
        }

        return value.ToString();
    }

    private static string SingleQuoted(string text, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < text.Length && text[i] != '\''; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '\\' or '\'')
            {
                i++;
            }

            value.Append(text[i]);
        }

        return value.ToString();
    }

    private static void AppendCodePoint(StringBuilder value, string hex)
    {
        if (int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) && code <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
        {
            value.Append(char.ConvertFromUtf32(code));
        }
        else
        {
            value.Append('\uFFFD');
        }
    }

    [GeneratedRegex(@"^\w+\.(?<name>name|version|licenses?|authors|summary)\s*=\s*(?<value>.*)$")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^\w+\.add_(?<type>runtime_|development_)?dependency\b\s*\(?(?<args>.*)$")]
    private static partial Regex Dependency();
}
