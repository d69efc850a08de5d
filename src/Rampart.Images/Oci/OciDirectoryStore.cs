using Rampart.Images.Config;

namespace Rampart.Images.Oci;

/// <summary>The blobs of an OCI layout directory: <c>blobs/sha256/&lt;hex&gt;</c>.</summary>
internal sealed class OciDirectoryStore(string root) : IOciBlobStore
{
    public Task<Stream> OpenAsync(OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var relative = $"blobs/sha256/{Digests.Hex(descriptor.Digest)}";
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"blob {descriptor.Digest} ({relative}) is missing from the layout", path);
        }

        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }
}
