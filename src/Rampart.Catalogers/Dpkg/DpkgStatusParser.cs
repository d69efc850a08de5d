using System.Text.RegularExpressions;
using Rampart.Catalogers.Common;

namespace Rampart.Catalogers.Dpkg;

/// <summary>Parses <c>/var/lib/dpkg/status</c> and the per-package files of <c>status.d/</c> (same syntax, deb-control(5)).</summary>
public static partial class DpkgStatusParser
{
    /// <summary>
    /// Every paragraph with a <c>Package</c> and a <c>Version</c>, installed or not (see <see cref="DpkgEntry.IsInstalled"/>).
    /// Paragraphs missing either are reported through <paramref name="warn"/> and skipped.
    /// </summary>
    public static IReadOnlyList<DpkgEntry> Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var entries = new List<DpkgEntry>();
        foreach (var stanza in ControlStanza.ParseAll(text, warn))
        {
            var name = stanza["Package"];
            var version = stanza["Version"];
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                warn($"line {stanza.Line}: paragraph without Package or Version, skipped");
                continue;
            }

            var (source, sourceVersion) = SplitSource(stanza["Source"]);
            entries.Add(new DpkgEntry(
                name,
                version,
                NullIfEmpty(stanza["Architecture"]),
                source,
                sourceVersion,
                NullIfEmpty(stanza["Maintainer"]),
                NullIfEmpty(stanza["Description"]?.Split('\n')[0].Trim()),
                NullIfEmpty(stanza["Status"]),
                DpkgRelations.Parse(stanza["Depends"]),
                DpkgRelations.Parse(stanza["Pre-Depends"]),
                DpkgRelations.Parse(stanza["Provides"]).Select(alternatives => alternatives[0]).ToList(),
                ConffilePaths(stanza["Conffiles"])));
        }

        return entries;
    }

    /// <summary><c>util-linux (2.38.1-5)</c> is a source name and the source's version; <c>zlib</c> is a name alone.</summary>
    private static (string? Name, string? Version) SplitSource(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return (null, null);
        }

        var match = SourceField().Match(source.Trim());
        return match.Success
            ? (match.Groups["name"].Value, NullIfEmpty(match.Groups["version"].Value.Trim()))
            : (source.Trim(), null);
    }

    /// <summary>Each continuation line of <c>Conffiles</c> is <c>path md5 [obsolete|remove-on-upgrade]</c>.</summary>
    private static List<string> ConffilePaths(string? field) =>
        field is null
            ? []
            : field.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
                .Where(path => path.StartsWith('/'))
                .ToList();

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"^(?<name>\S+)(?:\s+\((?<version>[^)]*)\))?$")]
    private static partial Regex SourceField();
}
