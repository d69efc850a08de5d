using Rampart.Core.Images;

namespace Rampart.Images;

/// <summary>How an image is read: which platform to pick from a multi-platform index, the limits, the parallelism.</summary>
public sealed record ImageReaderOptions
{
    /// <summary>The platform picked from a multi-platform index.</summary>
    public Platform Platform { get; init; } = Platform.LinuxAmd64;

    public ReaderLimits Limits { get; init; } = ReaderLimits.Default;

    /// <summary>Layers read at once when the source allows random access.</summary>
    public int MaxParallelLayers { get; init; } = Environment.ProcessorCount;

    /// <summary>Receives one line per layer read and each warning (lines starting with <c>warning:</c>).</summary>
    public IProgress<string>? Progress { get; init; }

    public static ImageReaderOptions Default { get; } = new();
}
