using Rampart.Core.Images;

namespace Rampart.Images.Config;

/// <summary>An image config (OCI or Docker JSON) as read, before the source adds what only it knows.</summary>
/// <param name="Digest">sha256 of the config bytes: the image id.</param>
/// <param name="Config">The runtime configuration.</param>
/// <param name="Platform">OS, architecture and variant the config declares.</param>
/// <param name="Created">Creation time.</param>
/// <param name="DiffIds">rootfs.diff_ids, base layer first.</param>
/// <param name="History">History entries, each non-empty one with its layer index.</param>
public sealed record ParsedImageConfig(
    string Digest,
    ImageConfig Config,
    Platform Platform,
    DateTimeOffset? Created,
    IReadOnlyList<string> DiffIds,
    IReadOnlyList<HistoryEntry> History)
{
    /// <summary>The descriptor of an image with this config.</summary>
    public ImageDescriptor Describe(string reference, string? manifestDigest, IReadOnlyList<LayerInfo> layers, IReadOnlyList<string> repoTags) =>
        new(reference, manifestDigest, Digest, Platform, Config, layers, History, repoTags, Created);
}
