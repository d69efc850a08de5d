namespace Rampart.Core.Files;

/// <summary>
/// What one layer says, read in a single pass: the entries it writes, the paths it deletes, the directories it
/// makes opaque, the bytes of the entries a <see cref="FileSelection"/> asked for, and the extracts its inspectors kept.
/// </summary>
public sealed class LayerContents
{
    private readonly Dictionary<string, FileEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>> _extracts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _whiteouts = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _opaqueDirectories = new(StringComparer.Ordinal);

    public LayerContents(int index)
    {
        Index = index;
    }

    /// <summary>Position of the layer, base layer 0.</summary>
    public int Index { get; }

    /// <summary>Entries this layer writes, by path. A later entry for the same path in the same layer replaces the earlier.</summary>
    public IReadOnlyDictionary<string, FileEntry> Entries => _entries;

    /// <summary>Paths this layer deletes from the layers below (<c>.wh.</c> files).</summary>
    public IReadOnlySet<string> Whiteouts => _whiteouts;

    /// <summary>Directories whose lower-layer children this layer hides (<c>.wh..wh..opq</c>).</summary>
    public IReadOnlySet<string> OpaqueDirectories => _opaqueDirectories;

    /// <summary>Bytes kept for this layer's entries.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Contents => _contents;

    /// <summary>The bytes kept for <paramref name="path"/>, or <see langword="null"/> when none were (not an empty buffer).</summary>
    public ReadOnlyMemory<byte>? ContentOf(string path)
    {
        // Not a conditional expression: "found ? bytes : null" converts the null into an empty buffer through byte[].
        if (_contents.TryGetValue(path, out var bytes))
        {
            return bytes;
        }

        return null;
    }

    /// <summary>The extracts <see cref="IContentInspector"/>s kept of <paramref name="path"/>, by inspector name, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ExtractsOf(string path) => _extracts.GetValueOrDefault(path);

    /// <summary>Total of the bytes kept, content and extracts.</summary>
    public long RetainedBytes { get; private set; }

    public void Add(FileEntry entry, ReadOnlyMemory<byte>? content = null, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? extracts = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_contents.Remove(entry.Path, out var previous))
        {
            RetainedBytes -= previous.Length;
        }

        if (_extracts.Remove(entry.Path, out var previousExtracts))
        {
            RetainedBytes -= previousExtracts.Values.Sum(e => (long)e.Length);
        }

        _entries[entry.Path] = entry;
        _whiteouts.Remove(entry.Path);
        if (content is { } bytes)
        {
            _contents[entry.Path] = bytes;
            RetainedBytes += bytes.Length;
        }

        if (extracts is { Count: > 0 })
        {
            _extracts[entry.Path] = extracts;
            RetainedBytes += extracts.Values.Sum(e => (long)e.Length);
        }
    }

    public void AddWhiteout(string path) => _whiteouts.Add(path);

    public void AddOpaqueDirectory(string path) => _opaqueDirectories.Add(path);
}
