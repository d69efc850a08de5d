using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Oci;

namespace Rampart.Images.Sources;

/// <summary><c>oci-dir:PATH[:NAME]</c>: an OCI image layout directory; NAME picks by <c>org.opencontainers.image.ref.name</c>.</summary>
public sealed class OciDirectorySource(string path, string reference, ImageReaderOptions options) : IImageSource
{
    public string Reference { get; } = reference;

    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        var session = new ImageReadSession(Reference, selection, options);
        var (root, name) = SourceFiles.SplitName(path, Directory.Exists);
        try
        {
            if (!Directory.Exists(root))
            {
                throw session.Error($"{root} is not a directory");
            }

            var indexPath = Path.Combine(root, "index.json");
            if (!File.Exists(indexPath))
            {
                throw session.Error($"{root} has no index.json; it is not an OCI image layout");
            }

            byte[] index;
            var indexFile = File.OpenRead(indexPath);
            await using (indexFile.ConfigureAwait(false))
            {
                index = await session.ReadMetadataAsync(indexFile, "index.json", cancellationToken).ConfigureAwait(false);
            }

            return await OciImageReader.ReadLayoutAsync(new OciDirectoryStore(root), index, name, session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw session.Error($"cannot read the layout: {e.Message}", e);
        }
    }
}
