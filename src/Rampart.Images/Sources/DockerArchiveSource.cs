using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Archives;

namespace Rampart.Images.Sources;

/// <summary><c>docker-archive:PATH</c>: a <c>docker save</c> tar on disk (gzip-compressed accepted).</summary>
public sealed class DockerArchiveSource(string path, string reference, ImageReaderOptions options) : IImageSource
{
    public string Reference { get; } = reference;

    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        var archive = SourceFiles.Open(path, Reference);
        await using (archive.ConfigureAwait(false))
        {
            return await DockerArchiveReader.ReadAsync(archive, Reference, selection, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
