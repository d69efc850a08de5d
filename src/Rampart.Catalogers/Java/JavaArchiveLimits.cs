namespace Rampart.Catalogers.Java;

/// <summary>
/// Bounds on reading one Java archive of the image, the archives nested in it included, so that a zip bomb or a
/// pathological nesting costs a warning rather than the scan's memory or time.
/// </summary>
public sealed record JavaArchiveLimits
{
    /// <summary>Bytes inflated from one archive and everything nested in it together (nested archives are inflated to be read).</summary>
    public long MaxInflatedBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Zip entries of one archive and everything nested in it together, counted as their local headers stream by.</summary>
    public long MaxEntries { get; init; } = 200_000;

    /// <summary>Archives inside archives: a jar in a war is depth 1 (Syft proposes 32 in anchore/syft#5067; real nesting stops at 3).</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Bytes of one <c>MANIFEST.MF</c> or <c>pom.properties</c>.</summary>
    public int MaxTextBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Bytes of one deflated nested archive, held compressed while they stream and inflated into its reader once all
    /// have come (stored ones, as Spring Boot's, stream straight through and are not held).
    /// </summary>
    public int MaxNestedCompressedBytes { get; init; } = 64 * 1024 * 1024;

    public static JavaArchiveLimits Default { get; } = new();
}
