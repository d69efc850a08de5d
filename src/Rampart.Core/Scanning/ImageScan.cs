using Rampart.Core.Images;
using Rampart.Core.Packages;

namespace Rampart.Core.Scanning;

/// <summary>What one image scan found: the image, its distribution and its packages. Every output renders from this.</summary>
/// <param name="Image">The image as read.</param>
/// <param name="Os">The distribution, when one could be identified.</param>
/// <param name="Packages">Packages in a stable order (type, name, version, location).</param>
/// <param name="ScannedAt">When the scan ran, from the injected clock.</param>
public sealed record ImageScan(
    ImageDescriptor Image,
    OsRelease? Os,
    IReadOnlyList<Package> Packages,
    DateTimeOffset ScannedAt);
