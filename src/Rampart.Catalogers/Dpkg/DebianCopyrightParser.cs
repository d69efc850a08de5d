using System.Text.RegularExpressions;

namespace Rampart.Catalogers.Dpkg;

/// <summary>Licenses named by <c>/usr/share/doc/&lt;pkg&gt;/copyright</c>.</summary>
public static partial class DebianCopyrightParser
{
    /// <summary>
    /// For a machine-readable file (DEP-5: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/, recognised
    /// by its <c>Format:</c> header), the short names of every <c>License:</c> field, split at <c>and</c>, <c>or</c> and
    /// commas, keeping <c>with … exception</c> attached. Otherwise, and when a DEP-5 file names none, the heuristic both
    /// Syft and Trivy use: references to <c>/usr/share/common-licenses/&lt;name&gt;</c>. Distinct, in order of appearance.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var licenses = new List<string>();
        void Add(string license)
        {
            license = license.Trim().TrimEnd('.', ',', ';');
            if (license.Length > 0 && !licenses.Contains(license, StringComparer.Ordinal))
            {
                licenses.Add(license);
            }
        }

        if (FormatHeader().IsMatch(text))
        {
            foreach (Match match in LicenseField().Matches(text))
            {
                foreach (var name in Conjunction().Split(match.Groups["expression"].Value))
                {
                    Add(name);
                }
            }
        }

        if (licenses.Count == 0)
        {
            foreach (Match match in CommonLicense().Matches(text))
            {
                Add(match.Groups["name"].Value);
            }
        }

        return licenses;
    }

    [GeneratedRegex(@"\A\s*Format:\s*https?://(?:www\.)?debian\.org/doc/packaging-manuals/copyright-format/", RegexOptions.IgnoreCase)]
    private static partial Regex FormatHeader();

    [GeneratedRegex(@"^License:[ \t]*(?<expression>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex LicenseField();

    [GeneratedRegex(@"\s+(?:and|or)\s+|\s*,\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Conjunction();

    [GeneratedRegex(@"/usr/share/common-licenses/(?<name>[A-Za-z0-9][A-Za-z0-9_.+-]*)")]
    private static partial Regex CommonLicense();
}
