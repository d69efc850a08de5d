namespace Rampart.Robustness.Tests.Support;

/// <summary>
/// Runs one hostile case under a time guard and an allocation guard. Neither is a performance assertion: the guard is
/// an order of magnitude above what the case needs on a loaded 2-core machine and only catches hangs, exponential
/// work and inputs that get materialised whole.
/// </summary>
internal static class Bounded
{
    /// <summary>Per-case wall-clock guard; a case normally takes well under a second.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Managed bytes a case may allocate. Every input of the corpus is under a few MiB on disk; the reader streams layers
    /// through pooled buffers and keeps only selected files (at most 32 MiB each by default), so a scan allocates tens of
    /// MiB. A bomb in the corpus expands to at least 128 MiB and an alias bomb to billions of nodes, so a reader that
    /// materialised what it was fed would cross this line, while test parallelism (switched off in this assembly) cannot
    /// push an honest case over it.
    /// </summary>
    public const long MaxAllocatedBytes = 768L * 1024 * 1024;

    public static async Task<T> RunAsync<T>(string name, Func<CancellationToken, Task<T>> run, TimeSpan? timeout = null, long maxAllocatedBytes = MaxAllocatedBytes)
    {
        using var guard = new CancellationTokenSource(timeout ?? Timeout);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var work = Task.Run(() => run(guard.Token), CancellationToken.None);
        var finished = await Task.WhenAny(work, Task.Delay(timeout ?? Timeout + TimeSpan.FromSeconds(5), CancellationToken.None));
        if (finished != work)
        {
            Assert.Fail($"{name}: still running after {(timeout ?? Timeout).TotalSeconds:F0} s and did not stop when cancelled");
        }

        Assert.False(guard.IsCancellationRequested && work.IsCanceled, $"{name}: did not finish within {(timeout ?? Timeout).TotalSeconds:F0} s");
        var result = await work;
        Assert.False(guard.IsCancellationRequested, $"{name}: did not finish within {(timeout ?? Timeout).TotalSeconds:F0} s");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated <= maxAllocatedBytes, $"{name}: allocated {allocated / (1024 * 1024)} MiB, over the guard of {maxAllocatedBytes / (1024 * 1024)} MiB");
        return result;
    }
}
