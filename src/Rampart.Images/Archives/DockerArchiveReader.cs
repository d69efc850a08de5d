using System.Formats.Tar;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Config;
using Rampart.Images.Layers;

namespace Rampart.Images.Archives;

/// <summary>
/// Reads a <c>docker save</c> archive, legacy (<c>&lt;id&gt;/layer.tar</c>) or Docker 25+ (<c>blobs/sha256/…</c>),
/// optionally gzip-compressed. A seekable file is indexed once and its layers read in parallel; any other stream is
/// read front to back, each layer blob processed as it passes (blobs come before <c>manifest.json</c>), then ordered.
/// </summary>
public static class DockerArchiveReader
{
    private const string ManifestName = "manifest.json";
    private const int SniffLength = 512;
    private const string BlobPrefix = "blobs/sha256/";

    /// <summary>Reads the image in <paramref name="archive"/>, which may be non-seekable; every failure is an <see cref="ImageReadException"/> naming <paramref name="reference"/>.</summary>
    public static async Task<ImageSnapshot> ReadAsync(
        Stream archive, string reference, FileSelection selection, ImageReaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var session = new ImageReadSession(reference, selection, options);
        try
        {
            if (archive is FileStream { CanSeek: true } file && !await IsCompressedAsync(file, cancellationToken).ConfigureAwait(false))
            {
                return await ReadIndexedAsync(file, session, cancellationToken).ConfigureAwait(false);
            }

            using var stored = new MeteredReadStream(archive, hash: false);
            await using var peeked = await PeekedStream.PeekAsync(stored, LayerCompressions.MagicLength, cancellationToken).ConfigureAwait(false);
            var compression = LayerCompressions.Detect(peeked.Head);
            await using var decompressed = LayerCompressions.Decompress(peeked, compression);
            var inflation = new InflationGuard(session.Options.Limits, session, "the archive");
            long inflated = 0;
            using var outer = new MeteredReadStream(
                decompressed,
                count =>
                {
                    inflated += count;
                    if (compression != LayerCompression.None)
                    {
                        inflation.Check(stored.BytesRead, inflated);
                    }
                },
                hash: false);
            return await ReadStreamingAsync(outer, session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw session.Error($"cannot read the archive: {e.Message}", e);
        }
    }

    private static async Task<bool> IsCompressedAsync(FileStream file, CancellationToken cancellationToken)
    {
        var start = file.Position;
        var head = new byte[LayerCompressions.MagicLength];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = start;
        return LayerCompressions.Detect(head.AsSpan(0, read)) != LayerCompression.None;
    }

    private static async Task<ImageSnapshot> ReadIndexedAsync(FileStream file, ImageReadSession session, CancellationToken cancellationToken)
    {
        var index = await ArchiveIndex.BuildAsync(file, session, cancellationToken).ConfigureAwait(false);
        var manifest = DockerArchiveManifest.Pick(await ReadDocumentAsync(index, ManifestName, session, cancellationToken).ConfigureAwait(false), session);
        var config = ImageConfigParser.Parse(await ReadDocumentAsync(index, manifest.Config, session, cancellationToken).ConfigureAwait(false), session);
        CheckLayerCount(manifest, config, session);

        var layerNames = manifest.Layers.Select(index.Resolve).ToList();
        var blobs = layerNames.Distinct(StringComparer.Ordinal).ToList();
        var results = new LayerReadResult[blobs.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, session.Options.MaxParallelLayers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, blobs.Count), parallel, async (i, token) =>
        {
            await using var blob = index.Open(blobs[i]) ?? throw session.Error($"layer {blobs[i]} is listed in manifest.json but missing from the archive");
            results[i] = await session.ReadLayerAsync(blob, layerNames.IndexOf(blobs[i]), blobs[i], token).ConfigureAwait(false);
            session.Report($"read layer {blobs[i]}: {results[i].Contents.Entries.Count} entries");
        }).ConfigureAwait(false);

        var byName = blobs.Zip(results).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return Assemble(manifest, config, layerNames, byName, session);
    }

    private static async Task<ImageSnapshot> ReadStreamingAsync(Stream outer, ImageReadSession session, CancellationToken cancellationToken)
    {
        var layers = new Dictionary<string, LayerReadResult>(StringComparer.Ordinal);
        var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? manifestJson = null;
        var guarded = new TarHeaderGuard(outer, session.Options.Limits.MaxMetadataBytes, (offset, type, size) => OversizedRecord(session, offset, type, size));
        await using (guarded.ConfigureAwait(false))
        await using (var reader = new TarReader(guarded, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = ArchiveNames.Normalize(entry.Name)
                    ?? throw session.Error($"archive entry '{entry.Name}' climbs above the archive root; refusing a hostile archive");
                if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    links[name] = ArchiveNames.LinkTarget(name, entry.LinkName, entry.EntryType == TarEntryType.SymbolicLink)
                        ?? throw session.Error($"archive entry '{entry.Name}' links above the archive root; refusing a hostile archive");
                }
                else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    if (entry.DataStream is not { } data)
                    {
                        documents[name] = [];
                    }
                    else if (name == ManifestName)
                    {
                        manifestJson = await session.ReadMetadataAsync(data, ManifestName, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await ReadBlobAsync(name, entry.Length, data, layers, documents, session, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        var manifest = DockerArchiveManifest.Pick(manifestJson ?? throw session.Error("the archive has no manifest.json; it is not a docker-archive"), session);
        var configName = ArchiveNames.Resolve(manifest.Config, links);
        var config = ImageConfigParser.Parse(
            documents.TryGetValue(configName, out var configJson) ? configJson : throw session.Error($"the config {manifest.Config} that manifest.json names is missing from the archive"),
            session);
        CheckLayerCount(manifest, config, session);
        var layerNames = manifest.Layers.Select(l => ArchiveNames.Resolve(l, links)).ToList();
        foreach (var name in layerNames.Where(n => !layers.ContainsKey(n) && documents.ContainsKey(n)).Distinct().ToList())
        {
            // A blob small enough to be taken for a document (an empty layer, a tar whose first name starts with '{').
            layers[name] = await session.ReadLayerAsync(new MemoryStream(documents[name], writable: false), 0, name, cancellationToken).ConfigureAwait(false);
        }

        return Assemble(manifest, config, layerNames, layers, session);
    }

    /// <summary>Reads a blob as it passes: a layer (by magic) at once, a small JSON document into memory, anything else skipped.</summary>
    private static async Task ReadBlobAsync(
        string name,
        long length,
        Stream data,
        Dictionary<string, LayerReadResult> layers,
        Dictionary<string, byte[]> documents,
        ImageReadSession session,
        CancellationToken cancellationToken)
    {
        await using var peeked = await PeekedStream.PeekAsync(data, SniffLength, cancellationToken).ConfigureAwait(false);
        if (LayerCompressions.Detect(peeked.Head) != LayerCompression.None || LayerCompressions.LooksLikeTar(peeked.Head))
        {
            var layer = await session.ReadLayerAsync(peeked, 0, name, cancellationToken).ConfigureAwait(false);
            layers[name] = layer;
            session.Report($"read layer {name}: {layer.Contents.Entries.Count} entries");
        }
        else if (IsJson(peeked.Head) && length <= session.Options.Limits.MaxMetadataBytes)
        {
            documents[name] = await session.ReadMetadataAsync(peeked, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ImageSnapshot Assemble(
        DockerArchiveManifest manifest,
        ParsedImageConfig config,
        List<string> layerNames,
        Dictionary<string, LayerReadResult> read,
        ImageReadSession session)
    {
        var contents = new List<LayerContents>(layerNames.Count);
        var infos = new List<LayerInfo>(layerNames.Count);
        for (var i = 0; i < layerNames.Count; i++)
        {
            var layer = read.TryGetValue(layerNames[i], out var found)
                ? found
                : throw session.Error($"layer {manifest.Layers[i]} is listed in manifest.json but missing from the archive");
            var named = layerNames[i].StartsWith(BlobPrefix, StringComparison.Ordinal) ? "sha256:" + layerNames[i][BlobPrefix.Length..] : null;
            session.Verify(layer, config.DiffIds[i], Digests.IsSha256(named) ? named : null);
            contents.Add(layer.ContentsAt(i));
            infos.Add(new LayerInfo(i, config.DiffIds[i], layer.Digest, null, layer.StoredSize));
        }

        return new ImageSnapshot(config.Describe(session.Reference, null, infos, manifest.RepoTags), contents);
    }

    private static void CheckLayerCount(DockerArchiveManifest manifest, ParsedImageConfig config, ImageReadSession session)
    {
        if (manifest.Layers.Count != config.DiffIds.Count)
        {
            throw session.Error($"manifest.json lists {manifest.Layers.Count} layers but the config lists {config.DiffIds.Count} diffIDs");
        }
    }

    private static async Task<byte[]> ReadDocumentAsync(ArchiveIndex index, string name, ImageReadSession session, CancellationToken cancellationToken)
    {
        await using var stream = index.Open(name) ?? throw session.Error(
            name == ManifestName ? "the archive has no manifest.json; it is not a docker-archive" : $"{name}, named by manifest.json, is missing from the archive");
        return await session.ReadMetadataAsync(stream, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error for an outer archive whose tar header announces a PAX or GNU record over the limit.</summary>
    internal static ImageReadException OversizedRecord(ImageReadSession session, long offset, char type, long size) => session.Error(
        $"the archive's tar header at byte {offset} announces a '{type}' record of {size} bytes, over the limit of {session.Options.Limits.MaxMetadataBytes} (limit MaxMetadataBytes)");

    private static bool IsJson(ReadOnlySpan<byte> head)
    {
        var start = head.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && head[start] == (byte)'{';
    }
}
