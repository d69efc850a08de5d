using Rampart.Images.Oci;

namespace Rampart.Images.Registry;

/// <summary>
/// The blobs of one repository, for <see cref="OciImageReader"/>: manifests and indexes from the manifest endpoint,
/// configs and layers streamed from the blob endpoint, and the manifest the tag resolved to from memory.
/// </summary>
internal sealed class RegistryBlobStore(RegistryClient client, RegistryManifest resolved) : IOciBlobStore
{
    public Task<Stream> OpenAsync(OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.Digest == resolved.Digest)
        {
            return Task.FromResult<Stream>(new MemoryStream(resolved.Bytes, writable: false));
        }

        return OciMediaTypes.IsIndex(descriptor.MediaType) || OciMediaTypes.IsManifest(descriptor.MediaType)
            ? client.OpenManifestAsync(descriptor.Digest, cancellationToken)
            : client.OpenBlobAsync(descriptor.Digest, cancellationToken);
    }
}
