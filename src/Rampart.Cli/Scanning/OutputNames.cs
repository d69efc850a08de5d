using System.Text;

namespace Rampart.Cli.Scanning;

/// <summary>File names for per-image outputs, derived from the image reference and never given out twice.</summary>
internal sealed class OutputNames
{
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>docker:registry.example/team/app:1.2</c> becomes <c>registry.example_team_app_1.2</c>; a second image with
    /// the same name gets <c>-2</c>, then <c>-3</c>.
    /// </summary>
    public string Claim(string reference)
    {
        var name = ForImage(reference);
        var claimed = name;
        for (var n = 2; !_claimed.Add(claimed); n++)
        {
            claimed = $"{name}-{n}";
        }

        return claimed;
    }

    public static string ForImage(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? reference[..colon] : string.Empty;
        var value = scheme is "docker" or "docker-archive" or "oci-archive" or "oci-dir" or "registry" or "dir" ? reference[(colon + 1)..] : reference;
        if (scheme is "docker-archive" or "oci-archive" or "oci-dir" or "dir")
        {
            value = Path.GetFileName(Path.TrimEndingDirectorySeparator(value));
        }

        var name = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        var text = name.ToString().Trim('_', '.');
        return text.Length == 0 ? "image" : text;
    }
}
