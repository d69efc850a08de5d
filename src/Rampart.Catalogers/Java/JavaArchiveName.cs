using System.Text.RegularExpressions;

namespace Rampart.Catalogers.Java;

/// <summary>
/// The name and version an archive's file name suggests, the way Syft reads them (java/archive_filename.go):
/// <c>commons-io-2.11.0.jar</c> is <c>commons-io</c> 2.11.0; the version starts at the first dash-separated part that
/// starts with a digit, or is <c>build</c> and digits, or <c>r</c>/<c>rc</c> and digits (<c>jetpack-build235-rc5</c>);
/// failing that at the first <c>.</c> or <c>_</c> followed by a digit (<c>org.eclipse.osgi_3.18.0.v2022</c>).
/// A dotted name of Java identifiers other than <c>org.eclipse.*</c> is read as <c>groupId.artifactId</c>.
/// </summary>
/// <param name="Name">The artifact name, or empty when the file name gives none.</param>
/// <param name="Version">The version, or empty.</param>
public sealed partial record JavaArchiveName(string Name, string Version)
{
    public static JavaArchiveName Parse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName[(fileName.LastIndexOfAny(['/', ':']) + 1)..]);
        var parts = stem.Split('-');
        var versionAt = Array.FindIndex(parts, 1, VersionPart().IsMatch);
        var (name, version) = versionAt > 0
            ? (string.Join('-', parts[..versionAt]), string.Join('-', parts[versionAt..]))
            : SecondaryVersion().Match(stem) is { Success: true } match
                ? (stem[..match.Index], stem[(match.Index + 1)..])
                : (stem, string.Empty);
        return new JavaArchiveName(ArtifactOf(name), version);
    }

    private static string ArtifactOf(string name)
    {
        if (!name.Contains('.', StringComparison.Ordinal) || name.StartsWith("org.eclipse.", StringComparison.Ordinal))
        {
            return name;
        }

        var fields = name.Split('.');
        return fields.All(f => f.Length > 0 && (char.IsLetter(f[0]) || f[0] is '_' or '$')) ? fields[^1] : name;
    }

    [GeneratedRegex(@"^(\d|build\d|rc?\d+$)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPart();

    [GeneratedRegex(@"[._]\d")]
    private static partial Regex SecondaryVersion();
}
