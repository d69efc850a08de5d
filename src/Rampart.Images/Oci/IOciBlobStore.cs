namespace Rampart.Images.Oci;

/// <summary>
/// Where the blobs of an OCI image live: a layout directory, a layout tar, a registry. The reader verifies every
/// blob against its descriptor; a store only finds the bytes.
/// </summary>
public interface IOciBlobStore
{
    /// <summary>
    /// Opens the blob <paramref name="descriptor"/> names (a manifest, index, config or layer; a registry store routes
    /// manifests and indexes by media type). A missing blob throws <see cref="FileNotFoundException"/> or
    /// <see cref="Core.Images.ImageReadException"/> with a message naming it.
    /// </summary>
    Task<Stream> OpenAsync(OciDescriptor descriptor, CancellationToken cancellationToken);
}
