namespace Rampart.Core.Files;

/// <summary>
/// A read-only view of an image's files: the squashed view of all layers, or the view of one layer on its own.
/// Catalogers and rules see only this; never a tarball, a socket or a path on the host.
/// </summary>
public interface IFileView
{
    /// <summary>Every entry, ordered by path (ordinal).</summary>
    IReadOnlyList<FileEntry> Entries { get; }

    /// <summary>The entry at exactly <paramref name="path"/>, without following links.</summary>
    FileEntry? Find(string path);

    /// <summary>
    /// The entry <paramref name="path"/> leads to once symlinks in any of its segments are followed (at most 40 hops,
    /// never above the root), or <see langword="null"/> when it leads nowhere.
    /// </summary>
    FileEntry? Resolve(string path);

    /// <summary>The kept bytes of a regular file, or <see langword="null"/> when they were not selected for keeping.</summary>
    ReadOnlyMemory<byte>? ReadContent(FileEntry entry);

    /// <summary>What the <see cref="IContentInspector"/> named <paramref name="inspector"/> kept of a regular file, or <see langword="null"/>.</summary>
    ReadOnlyMemory<byte>? ReadExtract(FileEntry entry, string inspector);
}
