using System.Text.RegularExpressions;

namespace Rampart.Catalogers.Python;

/// <summary>
/// The core metadata of an installed Python distribution, from <c>*.dist-info/METADATA</c> or <c>*.egg-info/PKG-INFO</c>
/// (https://packaging.python.org/en/latest/specifications/core-metadata/): e-mail style headers up to the first blank line.
/// </summary>
/// <param name="Name">Name as declared.</param>
/// <param name="Version">Version.</param>
/// <param name="Licenses"><c>License-Expression</c>, else a one-line <c>License</c>, else the <c>License ::</c> classifiers.</param>
/// <param name="Summary">Summary.</param>
/// <param name="Author">Author, else Author-email.</param>
/// <param name="Requires">Names required by <c>Requires-Dist</c>, extras' requirements left out.</param>
public sealed partial record PythonMetadata(string Name, string Version, IReadOnlyList<string> Licenses, string? Summary, string? Author, IReadOnlyList<string> Requires)
{
    /// <summary>Reads <paramref name="text"/>; <see langword="null"/> with a warning when it has no name or version.</summary>
    public static PythonMetadata? Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var headers = Headers(text);
        string? First(string key) => headers.TryGetValue(key, out var values) && values[0].Length > 0 ? values[0] : null;
        IEnumerable<string> All(string key) => headers.TryGetValue(key, out var values) ? values : [];

        if (First("Name") is not { } name || First("Version") is not { } version)
        {
            warn("metadata without Name or Version, skipped");
            return null;
        }

        var requires = All("Requires-Dist")
            .Where(requirement => !ExtraMarker().IsMatch(requirement))
            .Select(requirement => RequirementName().Match(requirement).Value)
            .Where(requirement => requirement.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PythonMetadata(name, version, LicensesOf(First, All), First("Summary"), First("Author") ?? First("Author-email"), requires);
    }

    /// <summary>PEP 503 normalisation, as Syft writes pypi purls: runs of <c>-_.</c> become <c>-</c>, lower case.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    private static List<string> LicensesOf(Func<string, string?> first, Func<string, IEnumerable<string>> all)
    {
        if (first("License-Expression") is { } expression)
        {
            return [expression];
        }

        if (first("License") is { } license && !license.Contains('\n', StringComparison.Ordinal) && license.Length <= 100 && license != "UNKNOWN")
        {
            return [license];
        }

        return all("Classifier")
            .Where(c => c.StartsWith("License ::", StringComparison.Ordinal))
            .Select(c => c.Split("::").Last().Trim())
            .Where(l => l.Length > 0 && l != "OSI Approved")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, List<string>> Headers(string text)
    {
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;

        // Folded lines are joined once: appending to the string copies the whole value for every line, quadratic
        // in a hostile METADATA file folded over 100,000 lines.
        System.Text.StringBuilder? folded = null;
        void Unfold()
        {
            if (folded is not null && current is not null)
            {
                current[^1] = folded.ToString();
            }

            folded = null;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (current is not null)
                {
                    (folded ??= new System.Text.StringBuilder(current[^1])).Append('\n').Append(line.Trim());
                }

                continue;
            }

            Unfold();

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                current = null;
                continue;
            }

            var key = line[..colon].Trim();
            if (!headers.TryGetValue(key, out current))
            {
                headers[key] = current = [];
            }

            current.Add(line[(colon + 1)..].Trim());
        }

        Unfold();
        return headers;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*")]
    private static partial Regex RequirementName();

    [GeneratedRegex(@";.*\bextra\s*==")]
    private static partial Regex ExtraMarker();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
