using System.IO.Compression;
using System.Text;
using Rampart.Core.Packages;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>
/// The package names of one mainstream distribution, as shipped in <c>LockIn/Data/*.names.gz</c>
/// (see the README there for how they are made). Matching follows the reference's criterion C8: an exact name,
/// or the same name once lower-cased, stripped of the <c>t64</c> suffix and of a <c>-dev/-devel/-libs/-doc</c> split,
/// with every run of digits treated alike.
/// </summary>
internal sealed class PackageNameList
{
    private const string ResourcePrefix = "Rampart.Rules.LockIn.Data.";
    private const string ResourceSuffix = ".names.gz";

    private static readonly string[] SplitSuffixes = ["-dev", "-devel", "-libs", "-doc"];

    private static readonly Lazy<Dictionary<string, PackageNameList>> ShippedLists = new(Load);

    private readonly HashSet<string> _names;
    private readonly HashSet<string> _normalised;

    private PackageNameList(string distro, string origin, HashSet<string> names)
    {
        Distro = distro;
        Origin = origin;
        _names = names;
        _normalised = names.Select(Normalise).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The lists embedded in this assembly, by distribution id (<c>debian</c>).</summary>
    public static IReadOnlyDictionary<string, PackageNameList> Shipped => ShippedLists.Value;

    public string Distro { get; }

    /// <summary>Where the names come from, as the list's first line says.</summary>
    public string Origin { get; }

    public int Count => _names.Count;

    /// <summary>Whether the package's own name or its source name has a counterpart here.</summary>
    public bool HasCounterpart(Package package) =>
        Matches(package.Name) || (package.SourceName is { Length: > 0 } source && Matches(source));

    public bool Matches(string name) =>
        _names.Contains(name) || _normalised.Contains(Normalise(name));

    public static string Normalise(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Length > 4 && lower.EndsWith("t64", StringComparison.Ordinal) && char.IsAsciiDigit(lower[^4]))
        {
            lower = lower[..^3];
        }

        foreach (var suffix in SplitSuffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                lower = lower[..^suffix.Length];
                break;
            }
        }

        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length == 0 || builder[^1] != '#')
            {
                builder.Append('#');
            }
        }

        return builder.ToString();
    }

    /// <summary>Reads one list as <c>make-package-names.sh</c> writes it: gzip, a <c># origin</c> line, one name per line.</summary>
    public static PackageNameList Read(Stream list, string distro)
    {
        ArgumentNullException.ThrowIfNull(list);
        using var gzip = new GZipStream(list, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var origin = string.Empty;
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                origin = line.TrimStart('#', ' ');
            }
            else if (line.Length > 0)
            {
                names.Add(line);
            }
        }

        return new PackageNameList(distro, origin, names);
    }

    private static Dictionary<string, PackageNameList> Load()
    {
        var assembly = typeof(PackageNameList).Assembly;
        var lists = new Dictionary<string, PackageNameList>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(ResourceSuffix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' is listed but cannot be opened.");
            var distro = resource[ResourcePrefix.Length..^ResourceSuffix.Length];
            lists[distro] = Read(stream, distro);
        }

        return lists;
    }
}
