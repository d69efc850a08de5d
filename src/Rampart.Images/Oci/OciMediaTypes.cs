namespace Rampart.Images.Oci;

/// <summary>The media types of OCI and Docker manifests, indexes and layers.</summary>
public static class OciMediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    private static readonly HashSet<string> Layers = new(StringComparer.Ordinal)
    {
        "application/vnd.oci.image.layer.v1.tar",
        "application/vnd.oci.image.layer.v1.tar+gzip",
        "application/vnd.oci.image.layer.v1.tar+zstd",
        "application/vnd.oci.image.layer.nondistributable.v1.tar",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
        "application/vnd.docker.image.rootfs.diff.tar",
        "application/vnd.docker.image.rootfs.diff.tar.gzip",
        "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
        "application/vnd.docker.image.rootfs.diff.tar.zstd",
        "application/vnd.docker.image.rootfs.diff.tar+zstd",
    };

    public static bool IsIndex(string? mediaType) => mediaType is ImageIndex or DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType is ImageManifest or DockerManifest;

    /// <summary>Whether a layer media type is one of the tar layer types; others are read anyway (decompression is decided by magic) with a warning.</summary>
    public static bool IsKnownLayer(string? mediaType) => mediaType is not null && Layers.Contains(mediaType);
}
