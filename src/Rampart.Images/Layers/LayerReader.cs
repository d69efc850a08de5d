using System.Formats.Tar;
using Rampart.Core.Files;

namespace Rampart.Images.Layers;

/// <summary>Reads one layer blob in one pass: decompress by magic, walk the tar once, hash both sides, keep selected bytes.</summary>
internal sealed class LayerReader
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;
    private const string SchilyCapability = "SCHILY.xattr." + FileCapabilities.AttributeName;
    private const string LibarchiveCapability = "LIBARCHIVE.xattr." + FileCapabilities.AttributeName;

    private readonly ImageReadSession _session;
    private readonly ImageBudget _budget;
    private readonly string _layerName;
    private readonly LayerContents _contents;

    private LayerReader(ImageReadSession session, ImageBudget budget, string layerName, int index)
    {
        _session = session;
        _budget = budget;
        _layerName = layerName;
        _contents = new LayerContents(index);
    }

    public static async Task<LayerReadResult> ReadAsync(
        ImageReadSession session, ImageBudget budget, Stream blob, int index, string layerName, CancellationToken cancellationToken)
    {
        var reader = new LayerReader(session, budget, layerName, index);
        try
        {
            return await reader.ReadAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw session.Error($"layer {layerName} is corrupt or truncated: {e.Message}", e);
        }
    }

    private async Task<LayerReadResult> ReadAsync(Stream blob, CancellationToken cancellationToken)
    {
        var limits = _budget.Limits;
        using var stored = new MeteredReadStream(blob);
        await using var peeked = await PeekedStream.PeekAsync(stored, LayerCompressions.MagicLength, cancellationToken).ConfigureAwait(false);
        var compression = LayerCompressions.Detect(peeked.Head);
        await using var decompressed = LayerCompressions.Decompress(peeked, compression);
        var inflation = new InflationGuard(limits, _session, $"layer {_layerName}");
        long inflated = 0;
        using var tar = new MeteredReadStream(decompressed, count =>
        {
            inflated += count;
            if (!_budget.TryAddBytes(count))
            {
                throw _session.Error($"layer {_layerName}: the image expands to more than {limits.MaxImageBytes} bytes uncompressed (limit MaxImageBytes)");
            }

            if (compression != LayerCompression.None)
            {
                inflation.Check(stored.BytesRead, inflated);
            }
        });

        await using var archive = await PeekedStream.PeekAsync(tar, 1, cancellationToken).ConfigureAwait(false);
        if (!archive.Head.IsEmpty)
        {
            // An empty blob is an empty layer (Go's tar reader agrees); TarReader would call it truncated.
            await using var guarded = new TarHeaderGuard(archive, limits.MaxMetadataBytes, (offset, type, size) => _session.Error(
                $"layer {_layerName}: the tar header at byte {offset} announces a '{type}' record of {size} bytes, over the limit of {limits.MaxMetadataBytes} (limit MaxMetadataBytes)"));
            await using var reader = new TarReader(guarded, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                await AddAsync(entry, CapabilitiesOf(entry, guarded), cancellationToken).ConfigureAwait(false);
            }
        }

        await tar.DrainAsync(cancellationToken).ConfigureAwait(false);
        await stored.DrainAsync(cancellationToken).ConfigureAwait(false);
        var diffId = tar.Digest();
        return new LayerReadResult(
            _layerName,
            _contents,
            compression,
            diffId,
            compression == LayerCompression.None ? diffId : stored.Digest(),
            stored.BytesRead,
            tar.BytesRead);
    }

    private async Task AddAsync(TarEntry entry, FileCapabilities? capabilities, CancellationToken cancellationToken)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        var limits = _budget.Limits;
        if (entry.Name.Length > limits.MaxPathLength)
        {
            throw _session.Error($"layer {_layerName}: entry name '{entry.Name[..Math.Min(64, entry.Name.Length)]}...' is {entry.Name.Length} characters long, over the limit of {limits.MaxPathLength}");
        }

        if (!_budget.TryAddEntry())
        {
            throw _session.Error($"layer {_layerName}: the image has more than {limits.MaxEntries} entries (limit MaxEntries)");
        }

        var path = ImagePath.Normalize(entry.Name)
            ?? throw _session.Error($"layer {_layerName}: entry '{entry.Name}' climbs above the image root; refusing a hostile layer");
        var name = ImagePath.FileName(path);
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal) && name.Length > WhiteoutPrefix.Length)
        {
            AddWhiteout(entry, path, name);
            return;
        }

        var kind = KindOf(entry);
        var mode = entry.Mode & PermissionBits;
        switch (kind)
        {
            case FileKind.Regular:
                await AddRegularAsync(entry, path, mode, capabilities, cancellationToken).ConfigureAwait(false);
                return;
            case FileKind.HardLink:
                AddHardLink(entry, path, mode, capabilities);
                return;
            case FileKind.Symlink:
                _contents.Add(new FileEntry(path, kind, mode, entry.Uid, entry.Gid, 0, LinkName(entry), _contents.Index));
                return;
            default:
                _contents.Add(new FileEntry(path, kind, mode, entry.Uid, entry.Gid, 0, null, _contents.Index) { Capabilities = capabilities });
                return;
        }
    }

    private async Task AddRegularAsync(TarEntry entry, string path, UnixFileMode mode, FileCapabilities? capabilities, CancellationToken cancellationToken)
    {
        var size = entry.Length;
        var selection = _session.Selection;
        ReadOnlyMemory<byte>? content = null;
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? extracts = null;
        if (selection.WantsContent(path, size))
        {
            Retain(path, size);
            var bytes = new byte[size];
            if (entry.DataStream is { } data)
            {
                await data.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            }

            content = bytes;
            extracts = ContentInspection.Inspect(selection.Inspectors, bytes);
        }
        else if (entry.DataStream is { } data)
        {
            extracts = await ContentInspection.InspectAsync(selection.Inspectors, data, size, cancellationToken).ConfigureAwait(false);
        }

        if (extracts is not null)
        {
            Retain(path, extracts.Values.Sum(e => (long)e.Length));
        }

        _contents.Add(new FileEntry(path, FileKind.Regular, mode, entry.Uid, entry.Gid, size, null, _contents.Index) { Capabilities = capabilities }, content, extracts);
    }

    private void Retain(string path, long bytes)
    {
        if (!_budget.TryRetain(bytes))
        {
            throw _session.Error(
                $"layer {_layerName}: keeping {path} would exceed {_budget.Limits.MaxRetainedBytes} bytes of selected content (limit MaxRetainedBytes)");
        }
    }

    private void AddHardLink(TarEntry entry, string path, UnixFileMode mode, FileCapabilities? capabilities)
    {
        var written = LinkName(entry);
        var target = ImagePath.Normalize(written)
            ?? throw _session.Error($"layer {_layerName}: hard link '{entry.Name}' points at '{written}', above the image root; refusing a hostile layer");
        var size = 0L;
        ReadOnlyMemory<byte>? content = null;
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? extracts = null;
        if (_contents.Entries.TryGetValue(target, out var linked))
        {
            size = linked.Size;
            capabilities ??= linked.Capabilities;
            if (_contents.Contents.TryGetValue(target, out var bytes) && _session.Selection.WantsContent(path, size))
            {
                content = bytes;
            }

            extracts = _contents.ExtractsOf(target);
        }

        _contents.Add(new FileEntry(path, FileKind.HardLink, mode, entry.Uid, entry.Gid, size, target, _contents.Index) { Capabilities = capabilities }, content, extracts);
    }

    /// <summary>
    /// The file capabilities the entry's PAX header records: <c>SCHILY.xattr.security.capability</c> with the raw bytes
    /// (GNU tar, Go's archive/tar as Docker and BuildKit use it, libarchive) or <c>LIBARCHIVE.xattr.security.capability</c>
    /// in base64 (libarchive alone). A value the kernel would refuse is left out with a warning.
    /// </summary>
    private FileCapabilities? CapabilitiesOf(TarEntry entry, TarHeaderGuard guard)
    {
        if (entry is not PaxTarEntry { ExtendedAttributes: var attributes }
            || !(attributes.ContainsKey(SchilyCapability) || attributes.ContainsKey(LibarchiveCapability)))
        {
            return null;
        }

        ReadOnlySpan<byte> value = PaxRecords.TryFind(guard.EntryRecords, SchilyCapability, out var raw) ? raw
            : attributes.TryGetValue(LibarchiveCapability, out var encoded) ? FromUnpaddedBase64(encoded)
            : [];
        return _session.DecodeCapabilities(value, $"layer {_layerName}: '{entry.Name}'");
    }

    /// <summary>libarchive writes base64 without the trailing '=' padding; text that is not base64 gives no bytes.</summary>
    private static byte[] FromUnpaddedBase64(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : [];
    }

    private void AddWhiteout(TarEntry entry, string path, string name)
    {
        var parent = ImagePath.Parent(path);
        if (name == OpaqueMarker)
        {
            _contents.AddOpaqueDirectory(parent);
            return;
        }

        if (name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
        {
            // Other .wh..wh. names are AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs), not deletions.
            return;
        }

        var deleted = name[WhiteoutPrefix.Length..];
        if (deleted is "." or "..")
        {
            throw _session.Error($"layer {_layerName}: whiteout '{entry.Name}' names '{deleted}'; refusing a hostile layer");
        }

        _contents.AddWhiteout(ImagePath.Combine(parent, deleted));
    }

    private string LinkName(TarEntry entry)
    {
        if (entry.LinkName.Length > _budget.Limits.MaxPathLength)
        {
            throw _session.Error($"layer {_layerName}: link target of '{entry.Name}' is {entry.LinkName.Length} characters long, over the limit of {_budget.Limits.MaxPathLength}");
        }

        return entry.LinkName;
    }

    private FileKind KindOf(TarEntry entry) => entry.EntryType switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile or TarEntryType.SparseFile => FileKind.Regular,
        TarEntryType.Directory => FileKind.Directory,
        TarEntryType.SymbolicLink => FileKind.Symlink,
        TarEntryType.HardLink => FileKind.HardLink,
        TarEntryType.CharacterDevice => FileKind.CharacterDevice,
        TarEntryType.BlockDevice => FileKind.BlockDevice,
        TarEntryType.Fifo => FileKind.Fifo,
        _ => throw _session.Error($"layer {_layerName}: entry '{entry.Name}' has tar type '{entry.EntryType}', which no image layer uses"),
    };
}
