namespace Rampart.Testing;

/// <summary>One step output as the runner reads it: name, value, and the heredoc delimiter (null for a <c>name=value</c> line).</summary>
public sealed record GitHubOutput(string Name, string Value, string? Delimiter);

/// <summary>Reads a <c>GITHUB_OUTPUT</c> file as the runner does: <c>name&lt;&lt;DELIMITER</c> blocks and <c>name=value</c> lines.</summary>
public static class GitHubOutputFile
{
    /// <summary>Every output in file order.</summary>
    /// <exception cref="FormatException">A block has no closing delimiter, or a line is neither form.</exception>
    public static IReadOnlyList<GitHubOutput> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var outputs = new List<GitHubOutput>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var name = line[..heredoc];
                var delimiter = line[(heredoc + 2)..];
                var end = Array.IndexOf(lines, delimiter, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"GITHUB_OUTPUT: the value of '{name}' has no closing delimiter '{delimiter}'.");
                }

                outputs.Add(new GitHubOutput(name, string.Join('\n', lines[(i + 1)..end]), delimiter));
                i = end;
            }
            else if (equals > 0)
            {
                outputs.Add(new GitHubOutput(line[..equals], line[(equals + 1)..], null));
            }
            else
            {
                throw new FormatException($"GITHUB_OUTPUT: line {i + 1} is neither 'name=value' nor 'name<<DELIMITER': {line}");
            }
        }

        return outputs;
    }

    /// <summary>Output values by name; a name set twice keeps its last value, as in the runner.</summary>
    public static Dictionary<string, string> Values(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in Parse(text))
        {
            values[output.Name] = output.Value;
        }

        return values;
    }
}
