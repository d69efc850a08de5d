using System.Text;

namespace Rampart.Core.Packages;

/// <summary>
/// A package URL (https://github.com/package-url/purl-spec): <c>pkg:type/namespace/name@version?qualifiers#subpath</c>.
/// No .NET purl library is served here, so this is our own encoder, following the spec's percent-encoding rules.
/// </summary>
public sealed record PackageUrl(
    string Type,
    string? Namespace,
    string Name,
    string? Version,
    IReadOnlyDictionary<string, string>? Qualifiers = null,
    string? Subpath = null)
{
    public override string ToString()
    {
        var builder = new StringBuilder("pkg:");
        builder.Append(Type.ToLowerInvariant()).Append('/');
        if (!string.IsNullOrEmpty(Namespace))
        {
            foreach (var segment in Namespace.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Append(Encode(segment)).Append('/');
            }
        }

        builder.Append(Encode(Name));
        if (!string.IsNullOrEmpty(Version))
        {
            builder.Append('@').Append(Encode(Version));
        }

        var qualifiers = (Qualifiers ?? new Dictionary<string, string>())
            .Where(q => !string.IsNullOrEmpty(q.Value))
            .OrderBy(q => q.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < qualifiers.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(qualifiers[i].Key.ToLowerInvariant())
                .Append('=')
                .Append(Encode(qualifiers[i].Value));
        }

        if (!string.IsNullOrEmpty(Subpath))
        {
            var segments = Subpath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not "." and not "..");
            builder.Append('#').AppendJoin('/', segments.Select(Encode));
        }

        return builder.ToString();
    }

    /// <summary>Percent-encodes everything outside the unreserved set, and ':' stays as it is, as the spec allows.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
