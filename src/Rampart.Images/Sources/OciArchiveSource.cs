using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Archives;
using Rampart.Images.Oci;

namespace Rampart.Images.Sources;

/// <summary><c>oci-archive:PATH[:NAME]</c>: a tar of an OCI image layout, read in place with layers in parallel.</summary>
public sealed class OciArchiveSource(string path, string reference, ImageReaderOptions options) : IImageSource
{
    public string Reference { get; } = reference;

    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        var session = new ImageReadSession(Reference, selection, options);
        var (file, name) = SourceFiles.SplitName(path, File.Exists);
        var archive = SourceFiles.Open(file, Reference);
        await using (archive.ConfigureAwait(false))
        {
            try
            {
                var index = await ArchiveIndex.BuildAsync(archive, session, cancellationToken).ConfigureAwait(false);
                byte[] indexJson;
                var stream = index.Open("index.json") ?? throw session.Error($"{file} has no index.json; it is not an OCI layout archive");
                await using (stream.ConfigureAwait(false))
                {
                    indexJson = await session.ReadMetadataAsync(stream, "index.json", cancellationToken).ConfigureAwait(false);
                }

                return await OciImageReader.ReadLayoutAsync(new OciArchiveStore(index), indexJson, name, session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ImageReadSession.IsReadFault(e))
            {
                throw session.Error($"cannot read the archive: {e.Message}", e);
            }
        }
    }
}
