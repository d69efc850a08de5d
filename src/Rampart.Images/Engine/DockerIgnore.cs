using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Images.Engine;

/// <summary>
/// The patterns of a <c>.dockerignore</c> file, matched the way the Docker CLI matches them: Go <c>filepath.Match</c>
/// syntax plus <c>**</c> for any number of directories, a pattern that matches a directory excludes everything under
/// it, <c>!</c> re-includes, and the last matching pattern wins.
/// </summary>
public sealed class DockerIgnore
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly List<(Regex Pattern, bool Exclusion)> _patterns;

    private DockerIgnore(List<(Regex Pattern, bool Exclusion)> patterns)
    {
        _patterns = patterns;
        HasExceptions = patterns.Exists(p => p.Exclusion);
    }

    /// <summary>Ignores nothing.</summary>
    public static DockerIgnore None { get; } = new([]);

    /// <summary>Whether any pattern starts with <c>!</c>: then an ignored directory may still hold included files.</summary>
    public bool HasExceptions { get; }

    /// <summary>Reads <c>.dockerignore</c> at the root of <paramref name="contextDirectory"/>, if there is one.</summary>
    public static DockerIgnore Load(string contextDirectory)
    {
        var path = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(path) ? Parse(File.ReadAllLines(path)) : None;
    }

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var patterns = new List<(Regex, bool)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclusion = line.StartsWith('!');
            if (exclusion)
            {
                line = line[1..].Trim();
            }

            var cleaned = Clean(line);
            if (cleaned.Length == 0)
            {
                continue;
            }

            patterns.Add((new Regex(ToRegex(cleaned), RegexOptions.CultureInvariant, MatchTimeout), exclusion));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Whether <paramref name="relativePath"/> (slash-separated, relative to the context) is left out of the context.</summary>
    public bool IsIgnored(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var ignored = false;
        foreach (var (pattern, exclusion) in _patterns)
        {
            if (MatchesSelfOrParent(pattern, relativePath))
            {
                ignored = !exclusion;
            }
        }

        return ignored;
    }

    private static bool MatchesSelfOrParent(Regex pattern, string path)
    {
        if (pattern.IsMatch(path))
        {
            return true;
        }

        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (pattern.IsMatch(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }

    // filepath.Clean of a slash path, without the leading slash (patterns are relative to the context root).
    private static string Clean(string pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        // "**/" matches zero or more whole directories.
                        i++;
                        regex.Append("(?:.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('^') || set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
