using Rampart.Core.Files;

namespace Rampart.Core.Images;

/// <summary>An image read once: its descriptor, each layer's own contents and the squashed view of all of them.</summary>
public sealed class ImageSnapshot
{
    private readonly Lazy<FileView> _files;

    public ImageSnapshot(ImageDescriptor image, IReadOnlyList<LayerContents> layers)
    {
        Image = image ?? throw new ArgumentNullException(nameof(image));
        Layers = layers ?? throw new ArgumentNullException(nameof(layers));
        _files = new Lazy<FileView>(() => FileView.Squash(Layers));
    }

    public ImageDescriptor Image { get; }

    /// <summary>Each layer as written, base first; secrets a later layer deleted are still here.</summary>
    public IReadOnlyList<LayerContents> Layers { get; }

    /// <summary>What a container started from the image sees.</summary>
    public IFileView Files => _files.Value;
}
