namespace Rampart.Images.Layers;

/// <summary>Stops a decompression bomb while it inflates: fails once the output outgrows the input by more than the ratio limit.</summary>
/// <param name="limits">Supplies <see cref="ReaderLimits.MaxExpansionRatio"/> and <see cref="ReaderLimits.ExpansionCheckAfterBytes"/>.</param>
/// <param name="session">Makes the error, naming the image.</param>
/// <param name="subject">What inflates, as the error should name it: <c>layer sha256:…</c>, <c>the archive</c>.</param>
internal sealed class InflationGuard(ReaderLimits limits, ImageReadSession session, string subject)
{
    /// <summary>Throws when <paramref name="inflated"/> bytes came out of <paramref name="compressed"/> at more than the allowed ratio.</summary>
    public void Check(long compressed, long inflated)
    {
        if (inflated > limits.ExpansionCheckAfterBytes && inflated > compressed * limits.MaxExpansionRatio)
        {
            throw session.Error(
                $"{subject} inflates {compressed} compressed bytes to over {inflated}, more than {limits.MaxExpansionRatio}:1 " +
                "(a decompression bomb? limit MaxExpansionRatio)");
        }
    }

}
