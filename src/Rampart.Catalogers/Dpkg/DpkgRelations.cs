using System.Buffers;

namespace Rampart.Catalogers.Dpkg;

/// <summary>The relationship fields of deb-control(5): <c>Depends</c>, <c>Pre-Depends</c>, <c>Provides</c>.</summary>
public static class DpkgRelations
{
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\n([<:");

    /// <summary>
    /// Splits <c>a (&gt;= 1) | b:any [amd64] &lt;!nocheck&gt;, c</c> into requirements (by comma) of alternatives
    /// (by <c>|</c>), keeping only package names: version constraints, architecture qualifiers and restrictions,
    /// and build profiles are dropped.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var requirements = new List<IReadOnlyList<string>>();
        foreach (var requirement in field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var alternatives = requirement.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(NameOf)
                .Where(name => name.Length > 0)
                .ToList();
            if (alternatives.Count > 0)
            {
                requirements.Add(alternatives);
            }
        }

        return requirements;
    }

    private static string NameOf(string alternative)
    {
        var end = alternative.AsSpan().IndexOfAny(NameEnd);
        return (end < 0 ? alternative : alternative[..end]).Trim();
    }
}
