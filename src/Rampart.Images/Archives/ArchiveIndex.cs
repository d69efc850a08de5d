using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;
using Rampart.Images.Layers;

namespace Rampart.Images.Archives;

/// <summary>
/// The entries of a seekable outer tar, indexed once (name → offset and length) so that each blob is then read
/// directly and layers can be read in parallel from the same file.
/// </summary>
internal sealed class ArchiveIndex
{
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, (long Offset, long Length)> _files;
    private readonly Dictionary<string, string> _links;

    private ArchiveIndex(SafeFileHandle handle, Dictionary<string, (long Offset, long Length)> files, Dictionary<string, string> links)
    {
        _handle = handle;
        _files = files;
        _links = links;
    }

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>Walks the headers of <paramref name="file"/> (seeking over the data) from its current position.</summary>
    public static async Task<ArchiveIndex> BuildAsync(FileStream file, ImageReadSession session, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, (long Offset, long Length)>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var guarded = new TarHeaderGuard(file, session.Options.Limits.MaxMetadataBytes, (offset, type, size) => DockerArchiveReader.OversizedRecord(session, offset, type, size));
        await using (guarded.ConfigureAwait(false))
        await using (var reader = new TarReader(guarded, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = ArchiveNames.Normalize(entry.Name)
                    ?? throw session.Error($"archive entry '{entry.Name}' climbs above the archive root; refusing a hostile archive");
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        files[name] = (entry.DataOffset, entry.Length);
                        break;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        links[name] = ArchiveNames.LinkTarget(name, entry.LinkName, entry.EntryType == TarEntryType.SymbolicLink)
                            ?? throw session.Error($"archive entry '{entry.Name}' links above the archive root; refusing a hostile archive");
                        break;
                }
            }
        }

        return new ArchiveIndex(file.SafeFileHandle, files, links);
    }

    public bool Contains(string name) => _files.ContainsKey(ArchiveNames.Resolve(name, _links));

    /// <summary>The entry's bytes, or <see langword="null"/> when the archive has no such file.</summary>
    public Stream? Open(string name) =>
        _files.TryGetValue(ArchiveNames.Resolve(name, _links), out var region) ? new FileRegionStream(_handle, region.Offset, region.Length) : null;

    /// <summary>The name a link leads to, or the name itself.</summary>
    public string Resolve(string name) => ArchiveNames.Resolve(name, _links);
}
