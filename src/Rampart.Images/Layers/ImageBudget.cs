namespace Rampart.Images.Layers;

/// <summary>The <see cref="ReaderLimits"/> of one image, shared by its layers while they are read in parallel.</summary>
internal sealed class ImageBudget(ReaderLimits limits)
{
    private long _bytes;
    private long _entries;
    private long _retained;

    public ReaderLimits Limits { get; } = limits;

    public bool TryAddBytes(long count) => Interlocked.Add(ref _bytes, count) <= Limits.MaxImageBytes;

    public bool TryAddEntry() => Interlocked.Increment(ref _entries) <= Limits.MaxEntries;

    public bool TryRetain(long count) => Interlocked.Add(ref _retained, count) <= Limits.MaxRetainedBytes;
}
