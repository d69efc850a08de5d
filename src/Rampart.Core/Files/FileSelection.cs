using DotNet.Globbing;

namespace Rampart.Core.Files;

/// <summary>
/// Which file contents a reader keeps while it streams the layers. Header facts (kind, mode, owner, size,
/// link target) are kept for every path; bytes only for paths matching a glob, up to a size per file.
/// Catalogers and rules declare their globs; the reader keeps the union and nothing else.
/// </summary>
public sealed class FileSelection
{
    /// <summary>Files larger than this are never kept, whatever glob they match.</summary>
    public const long DefaultMaxFileBytes = 32L * 1024 * 1024;

    private static readonly GlobOptions Options = new() { Evaluation = { CaseInsensitive = false } };
    private readonly Glob[] _globs;

    public FileSelection(IEnumerable<string> globs, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(globs);
        Globs = globs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _globs = Globs.Select(g => Glob.Parse(g, Options)).ToArray();
        MaxFileBytes = maxFileBytes;
    }

    /// <summary>Keeps no content at all: header facts only.</summary>
    public static FileSelection HeadersOnly { get; } = new([]);

    public IReadOnlyList<string> Globs { get; }

    public long MaxFileBytes { get; }

    /// <summary>Whether the bytes of a regular file at <paramref name="path"/> of <paramref name="size"/> bytes are kept.</summary>
    public bool WantsContent(string path, long size)
    {
        if (size > MaxFileBytes)
        {
            return false;
        }

        foreach (var glob in _globs)
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
        return new FileSelection(all.SelectMany(s => s.Globs), all.Count == 0 ? DefaultMaxFileBytes : all.Max(s => s.MaxFileBytes));
    }
}
