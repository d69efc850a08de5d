namespace Rampart.Images;

/// <summary>
/// Bounds a reader keeps while it streams an image, so that a hostile or broken image fails fast with a clear
/// error instead of exhausting memory, disk or time.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>Uncompressed tar bytes of all layers of one image together.</summary>
    public long MaxImageBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Uncompressed bytes per compressed byte of one layer, checked while inflating.</summary>
    public int MaxExpansionRatio { get; init; } = 1000;

    /// <summary>
    /// Uncompressed bytes a layer may produce before <see cref="MaxExpansionRatio"/> is enforced; the first blocks of
    /// any stream inflate far beyond the ratio (a tar header of zeros compresses to a few bytes).
    /// </summary>
    public long ExpansionCheckAfterBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Tar entries of all layers of one image together.</summary>
    public long MaxEntries { get; init; } = 5_000_000;

    /// <summary>Characters in an entry name or link target.</summary>
    public int MaxPathLength { get; init; } = 4096;

    /// <summary>Bytes of selected file content kept for one image.</summary>
    public long MaxRetainedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Bytes of a JSON document (manifest, index, config) read into memory, and of one PAX or GNU long-name record of a tar header.</summary>
    public int MaxMetadataBytes { get; init; } = 16 * 1024 * 1024;

    public static ReaderLimits Default { get; } = new();
}
