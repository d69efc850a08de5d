using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.RootFs;

namespace Rampart.Images.Sources;

/// <summary><c>dir:PATH</c>: a root filesystem on the host, read as one layer.</summary>
public sealed class RootFsSource(string path, string reference, ImageReaderOptions options) : IImageSource
{
    public string Reference { get; } = reference;

    public Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken) =>
        RootFsReader.ReadAsync(path, new ImageReadSession(Reference, selection, options), cancellationToken);
}
