using Rampart.Core.Images;
using Rampart.Core.Packages;

namespace Rampart.Core.LockIn;

/// <summary>What a lock-in criterion sees of one image.</summary>
/// <param name="Snapshot">The image: config, layers and the squashed file view.</param>
/// <param name="Os">The distribution from os-release, when the image has one.</param>
/// <param name="Packages">Every package the catalogers found.</param>
/// <param name="Identity">The family and vendor identified from the same inputs.</param>
/// <param name="DockerfileBasePinned">
/// <see langword="null"/> when no Dockerfile was given; otherwise whether its final stage's FROM names a digest.
/// </param>
public sealed record LockInContext(
    ImageSnapshot Snapshot,
    OsRelease? Os,
    IReadOnlyList<Package> Packages,
    ImageIdentity Identity,
    bool? DockerfileBasePinned);
