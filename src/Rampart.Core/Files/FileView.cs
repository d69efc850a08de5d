namespace Rampart.Core.Files;

/// <summary>
/// The in-memory <see cref="IFileView"/>: built by squashing layers with the OCI whiteout rules, or over one layer alone.
/// </summary>
public sealed class FileView : IFileView
{
    private const int MaxSymlinkHops = 40;

    private readonly Dictionary<string, Kept> _byPath;
    private readonly FileEntry[] _entries;

    private FileView(Dictionary<string, Kept> byPath)
    {
        _byPath = byPath;
        _entries = byPath.Values.Select(v => v.Entry).OrderBy(e => e.Path, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<FileEntry> Entries => _entries;

    /// <summary>
    /// Applies <paramref name="layers"/> base first: opaque directories hide what lower layers put in them, whiteouts
    /// delete a path and everything below it, a non-directory replacing a directory removes the directory's subtree,
    /// and otherwise the upper entry wins. Parents no layer wrote are made as plain directories.
    /// </summary>
    public static FileView Squash(IEnumerable<LayerContents> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var byPath = new Dictionary<string, Kept>(StringComparer.Ordinal);
        var paths = new SortedSet<string>(StringComparer.Ordinal);

        void RemoveSubtree(string directory, bool includingSelf)
        {
            if (includingSelf && paths.Remove(directory))
            {
                byPath.Remove(directory);
            }

            var prefix = directory == "/" ? "/" : directory + "/";
            var upper = directory == "/" ? "0" : directory + "0";
            foreach (var child in paths.GetViewBetween(prefix, upper).ToList())
            {
                if (child.StartsWith(prefix, StringComparison.Ordinal))
                {
                    paths.Remove(child);
                    byPath.Remove(child);
                }
            }
        }

        foreach (var layer in layers)
        {
            foreach (var opaque in layer.OpaqueDirectories)
            {
                RemoveSubtree(opaque, includingSelf: false);
            }

            foreach (var whiteout in layer.Whiteouts)
            {
                RemoveSubtree(whiteout, includingSelf: true);
            }

            foreach (var entry in layer.Entries.Values)
            {
                if (entry.Kind != FileKind.Directory && byPath.TryGetValue(entry.Path, out var lower) && lower.Entry.Kind == FileKind.Directory)
                {
                    RemoveSubtree(entry.Path, includingSelf: false);
                }

                byPath[entry.Path] = new Kept(entry, layer.ContentOf(entry.Path), layer.ExtractsOf(entry.Path));
                paths.Add(entry.Path);
            }
        }

        AddMissingParents(byPath);
        return new FileView(byPath);
    }

    /// <summary>The view of one layer on its own: what it wrote, whatever later layers did to it.</summary>
    public static FileView OfLayer(LayerContents layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var byPath = layer.Entries.Values.ToDictionary(
            e => e.Path,
            e => new Kept(e, layer.ContentOf(e.Path), layer.ExtractsOf(e.Path)),
            StringComparer.Ordinal);
        AddMissingParents(byPath);
        return new FileView(byPath);
    }

    public FileEntry? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _byPath.TryGetValue(path, out var found) ? found.Entry : null;
    }

    public FileEntry? Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pending = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var hops = 0;
        while (pending.TryDequeue(out var segment))
        {
            var candidate = ImagePath.Combine(current, segment);
            var entry = Find(candidate);
            if (entry is null)
            {
                return null;
            }

            if (entry.Kind == FileKind.Symlink && entry.LinkTarget is { } target)
            {
                if (++hops > MaxSymlinkHops)
                {
                    return null;
                }

                var rest = pending.ToArray();
                pending.Clear();
                var restart = ImagePath.Combine(ImagePath.Parent(candidate), target);
                foreach (var part in restart.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest))
                {
                    pending.Enqueue(part);
                }

                current = "/";
                continue;
            }

            current = candidate;
        }

        return current == "/" ? Find("/") ?? new FileEntry("/", FileKind.Directory, DefaultDirectoryMode, 0, 0, 0, null, 0) : Find(current);
    }

    public ReadOnlyMemory<byte>? ReadContent(FileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _byPath.TryGetValue(entry.Path, out var found) && found.Entry == entry ? found.Content : null;
    }

    public ReadOnlyMemory<byte>? ReadExtract(FileEntry entry, string inspector)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(inspector);

        // Not a conditional expression: "found ? bytes : null" converts the null into an empty buffer.
        if (_byPath.TryGetValue(entry.Path, out var found) && found.Entry == entry && found.Extracts?.TryGetValue(inspector, out var extract) == true)
        {
            return extract;
        }

        return null;
    }

    private const UnixFileMode DefaultDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static void AddMissingParents(Dictionary<string, Kept> byPath)
    {
        foreach (var entry in byPath.Values.Select(v => v.Entry).ToList())
        {
            for (var parent = ImagePath.Parent(entry.Path); parent != "/" && !byPath.ContainsKey(parent); parent = ImagePath.Parent(parent))
            {
                byPath[parent] = new Kept(new FileEntry(parent, FileKind.Directory, DefaultDirectoryMode, 0, 0, 0, null, entry.Layer), null, null);
            }
        }
    }

    private readonly record struct Kept(FileEntry Entry, ReadOnlyMemory<byte>? Content, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? Extracts);
}
