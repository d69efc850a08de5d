using Rampart.Images.Archives;
using Rampart.Images.Config;

namespace Rampart.Images.Oci;

/// <summary>The blobs of a tar of an OCI layout, read in place through the archive's index.</summary>
internal sealed class OciArchiveStore(ArchiveIndex index) : IOciBlobStore
{
    public Task<Stream> OpenAsync(OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var name = $"blobs/sha256/{Digests.Hex(descriptor.Digest)}";
        return Task.FromResult(index.Open(name) ?? throw new FileNotFoundException($"blob {descriptor.Digest} ({name}) is missing from the archive"));
    }
}
