using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Core.Dockerfiles;

/// <summary>
/// Reads a Dockerfile into instructions with line numbers. It is tolerant: it never throws on odd input, because its
/// only job is to put findings on lines; the builder has already judged the file.
/// </summary>
public static partial class DockerfileParser
{
    private static readonly HashSet<string> KeywordsWithFlags = new(StringComparer.Ordinal) { "FROM", "RUN", "COPY", "ADD", "HEALTHCHECK" };
    private static readonly HashSet<string> KeywordsWithHeredocs = new(StringComparer.Ordinal) { "RUN", "COPY", "ADD" };

    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> is what findings will name.</summary>
    public static Dockerfile Parse(string text, string path = "Dockerfile")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var escape = '\\';
        var index = 0;

        for (; index < lines.Length; index++)
        {
            var directive = DirectiveRegex().Match(lines[index]);
            if (!directive.Success)
            {
                break;
            }

            if (string.Equals(directive.Groups["name"].Value, "escape", StringComparison.OrdinalIgnoreCase) && directive.Groups["value"].Value is "`" or "\\")
            {
                escape = directive.Groups["value"].Value[0];
            }
        }

        var instructions = new List<DockerfileInstruction>();
        var stage = -1;
        while (index < lines.Length)
        {
            if (IsBlankOrComment(lines[index]))
            {
                index++;
                continue;
            }

            var startLine = index + 1;
            var logical = new StringBuilder();
            while (true)
            {
                var content = lines[index].TrimEnd();
                if (content.Length == 0 || content[^1] != escape)
                {
                    logical.Append(content);
                    break;
                }

                logical.Append(content, 0, content.Length - 1);
                var next = index + 1;
                while (next < lines.Length && IsBlankOrComment(lines[next]))
                {
                    next++;
                }

                if (next >= lines.Length)
                {
                    break;
                }

                index = next;
            }

            var endLine = index + 1;
            index++;

            var statement = logical.ToString().Trim();
            var split = statement.IndexOfAny([' ', '\t']);
            var keyword = (split < 0 ? statement : statement[..split]).ToUpperInvariant();
            var arguments = split < 0 ? string.Empty : statement[split..].Trim();

            var heredocs = new List<Heredoc>();
            if (KeywordsWithHeredocs.Contains(keyword))
            {
                foreach (Match start in HeredocRegex().Matches(arguments))
                {
                    var delimiter = start.Groups["word"].Value;
                    var stripTabs = start.Groups["dash"].Success;
                    var body = new List<string>();
                    while (index < lines.Length && (stripTabs ? lines[index].TrimStart('\t') : lines[index]) != delimiter)
                    {
                        body.Add(stripTabs ? lines[index].TrimStart('\t') : lines[index]);
                        index++;
                    }

                    endLine = Math.Min(index + 1, lines.Length);
                    index++;
                    heredocs.Add(new Heredoc(delimiter, string.Join('\n', body)));
                }
            }

            if (keyword == "FROM")
            {
                stage++;
            }

            var (flags, value) = KeywordsWithFlags.Contains(keyword) ? SplitFlags(arguments) : ([], arguments);
            instructions.Add(new DockerfileInstruction(keyword, arguments, flags, value, startLine, endLine, stage, heredocs));
        }

        return new Dockerfile(path, escape, instructions);
    }

    private static bool IsBlankOrComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.Length == 0 || trimmed[0] == '#';
    }

    private static (IReadOnlyList<DockerfileFlag> Flags, string Value) SplitFlags(string arguments)
    {
        var flags = new List<DockerfileFlag>();
        var rest = arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOfAny([' ', '\t']);
            var token = end < 0 ? rest : rest[..end];
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            flags.Add(equals < 0 ? new DockerfileFlag(token[2..], null) : new DockerfileFlag(token[2..equals], token[(equals + 1)..]));
            rest = end < 0 ? string.Empty : rest[end..].TrimStart();
        }

        return (flags, rest);
    }

    [GeneratedRegex(@"^#\s*(?<name>[A-Za-z][A-Za-z0-9]*)\s*=\s*(?<value>\S+)\s*$")]
    private static partial Regex DirectiveRegex();

    [GeneratedRegex(@"(?<!<)<<(?<dash>-)?(?<quote>[""']?)(?<word>[A-Za-z_][A-Za-z0-9_]*)\k<quote>")]
    private static partial Regex HeredocRegex();
}
