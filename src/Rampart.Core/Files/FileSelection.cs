using System.Buffers;
using DotNet.Globbing;

namespace Rampart.Core.Files;

/// <summary>
/// Which file contents a reader keeps while it streams the layers. Header facts (kind, mode, owner, size,
/// link target) are kept for every path; bytes only for paths matching a glob, up to a size per file.
/// Catalogers and rules declare their globs; the reader keeps the union and nothing else. For what no glob can name,
/// <see cref="Inspectors"/> see every regular file's bytes as they stream by and keep small extracts.
/// </summary>
public sealed class FileSelection
{
    /// <summary>Files larger than this are not kept, whatever glob they match, unless a database glob matches them.</summary>
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Package databases are kept up to this size (or <see cref="MaxFileBytes"/> when larger): without its database an
    /// image has no OS inventory at all, and a full rpm database outgrows the per-file limit.
    /// </summary>
    public const long MaxDatabaseBytes = 256L * 1024 * 1024;

    private static readonly GlobOptions Options = new() { Evaluation = { CaseInsensitive = false } };

    // Characters with a meaning in a glob; everything else matches itself (path separators match either separator).
    private static readonly SearchValues<char> Special = SearchValues.Create("*?[]{}!");

    // The globs are indexed by the last character of their literal tail (the text after their last special
    // character, which a matching path must end with), so a path is matched only against the few globs that can
    // match it: a scan asks once per tar entry, and most paths end in characters no glob ends with.
    private readonly Dictionary<char, TailedGlob[]> _byLastCharacter;
    private readonly Glob[] _untailed;
    private readonly Glob[] _databases;

    /// <param name="globs">Files whose bytes are kept.</param>
    /// <param name="maxFileBytes">Larger files are not kept.</param>
    /// <param name="inspectors">What looks at every regular file's bytes.</param>
    /// <param name="databaseGlobs">Package databases, kept up to <see cref="MaxDatabaseBytes"/> whatever <paramref name="maxFileBytes"/> says.</param>
    public FileSelection(
        IEnumerable<string> globs, long maxFileBytes = DefaultMaxFileBytes, IEnumerable<IContentInspector>? inspectors = null, IEnumerable<string>? databaseGlobs = null)
    {
        ArgumentNullException.ThrowIfNull(globs);
        DatabaseGlobs = (databaseGlobs ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _databases = DatabaseGlobs.Select(g => Glob.Parse(g, Options)).ToArray();
        Inspectors = (inspectors ?? []).DistinctBy(i => i.Name, StringComparer.Ordinal).ToArray();
        Globs = globs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var parsed = Globs.Select(g => new TailedGlob(Glob.Parse(g, Options), LiteralTail(g))).ToList();
        _untailed = parsed.Where(g => g.Tail.Length == 0).Select(g => g.Glob).ToArray();
        _byLastCharacter = parsed
            .Where(g => g.Tail.Length > 0)
            .GroupBy(g => Separatorless(g.Tail[^1]))
            .ToDictionary(group => group.Key, group => group.ToArray());
        MaxFileBytes = maxFileBytes;
    }

    /// <summary>Keeps no content at all: header facts only.</summary>
    public static FileSelection HeadersOnly { get; } = new([]);

    public IReadOnlyList<string> Globs { get; }

    public long MaxFileBytes { get; }

    /// <summary>The package databases among what is kept; see <see cref="MaxDatabaseBytes"/>.</summary>
    public IReadOnlyList<string> DatabaseGlobs { get; }

    /// <summary>What looks at every regular file's bytes, whatever its path and size; empty by default.</summary>
    public IReadOnlyList<IContentInspector> Inspectors { get; }

    /// <summary>Whether the bytes of a regular file at <paramref name="path"/> of <paramref name="size"/> bytes are kept.</summary>
    public bool WantsContent(string path, long size)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (size > MaxFileBytes)
        {
            return size <= MaxDatabaseBytes && _databases.Any(g => g.IsMatch(path));
        }
        if (path.Length > 0 && _byLastCharacter.TryGetValue(Separatorless(path[^1]), out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (EndsWith(path, candidate.Tail) && candidate.Glob.IsMatch(path))
                {
                    return true;
                }
            }
        }

        foreach (var glob in _untailed)
        {
            if (glob.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The union of several selections; the largest per-file limit wins.</summary>
    public static FileSelection Union(IEnumerable<FileSelection> selections)
    {
        var all = selections.ToList();
        return new FileSelection(
            all.SelectMany(s => s.Globs), all.Count == 0 ? DefaultMaxFileBytes : all.Max(s => s.MaxFileBytes), all.SelectMany(s => s.Inspectors), all.SelectMany(s => s.DatabaseGlobs));
    }

    /// <summary>
    /// The literal text a path matching <paramref name="glob"/> must end with: what follows the glob's last special
    /// character, without a leading separator (<c>**/x</c> may match <c>x</c>). Empty when the glob ends with a special
    /// character or a separator (those are matched against every path, as before).
    /// </summary>
    private static string LiteralTail(string glob)
    {
        if (glob.Length == 0 || IsSeparator(glob[^1]))
        {
            return "";
        }

        var tail = glob[(glob.AsSpan().LastIndexOfAny(Special) + 1)..];
        return tail.Length > 0 && IsSeparator(tail[0]) ? tail[1..] : tail;
    }

    private static bool EndsWith(string path, string tail)
    {
        if (path.Length < tail.Length)
        {
            return false;
        }

        var offset = path.Length - tail.Length;
        for (var i = tail.Length - 1; i >= 0; i--)
        {
            var expected = tail[i];
            var actual = path[offset + i];
            if (expected != actual && !(IsSeparator(expected) && IsSeparator(actual)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSeparator(char c) => c is '/' or '\\';

    private static char Separatorless(char c) => c == '\\' ? '/' : c;

    private readonly record struct TailedGlob(Glob Glob, string Tail);
}
