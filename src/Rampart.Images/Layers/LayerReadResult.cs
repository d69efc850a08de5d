using Rampart.Core.Files;

namespace Rampart.Images.Layers;

/// <summary>One layer blob read in a single pass.</summary>
/// <param name="Name">What the source calls the blob (archive entry name or digest), for messages.</param>
/// <param name="Contents">Entries, whiteouts, opaque directories and selected bytes.</param>
/// <param name="Compression">Compression found by magic bytes.</param>
/// <param name="DiffId">sha256 of the uncompressed tar, the whole stream including its end padding.</param>
/// <param name="Digest">sha256 of the blob as stored.</param>
/// <param name="StoredSize">Bytes of the blob as stored.</param>
/// <param name="UncompressedSize">Bytes of the uncompressed tar.</param>
public sealed record LayerReadResult(
    string Name,
    LayerContents Contents,
    LayerCompression Compression,
    string DiffId,
    string Digest,
    long StoredSize,
    long UncompressedSize)
{
    /// <summary>
    /// The same layer at another position: a blob read before its position was known (a docker-archive streams
    /// blobs before its manifest), or one blob used at two positions.
    /// </summary>
    public LayerContents ContentsAt(int index)
    {
        if (index == Contents.Index)
        {
            return Contents;
        }

        var moved = new LayerContents(index);
        foreach (var entry in Contents.Entries.Values)
        {
            moved.Add(entry with { Layer = index }, Contents.ContentOf(entry.Path), Contents.ExtractsOf(entry.Path));
        }

        foreach (var whiteout in Contents.Whiteouts)
        {
            moved.AddWhiteout(whiteout);
        }

        foreach (var opaque in Contents.OpaqueDirectories)
        {
            moved.AddOpaqueDirectory(opaque);
        }

        return moved;
    }
}
