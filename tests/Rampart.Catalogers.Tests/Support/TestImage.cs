using System.Text;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// Builds a file view for a test: each layer is a folder under <c>testdata/</c> whose relative paths become absolute
/// in-image paths, or files and symlinks written in code. Layers are squashed with Core's rules.
/// </summary>
internal sealed class TestImage
{
    private readonly List<LayerContents> _layers = [];

    public static string TestData(string relative) => Path.Combine(AppContext.BaseDirectory, "testdata", relative);

    /// <summary>A new layer holding every file under <c>testdata/<paramref name="caseFolder"/></c>.</summary>
    public TestImage Layer(string caseFolder)
    {
        var layer = NewLayer();
        var root = TestData(caseFolder);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var bytes = System.IO.File.ReadAllBytes(file);
            layer.Add(Regular("/" + relative, bytes.Length, layer.Index), bytes);
        }

        return this;
    }

    /// <summary>A new, empty layer; following <see cref="File(string, string)"/> and <see cref="Symlink"/> calls write into it.</summary>
    public TestImage EmptyLayer()
    {
        NewLayer();
        return this;
    }

    public TestImage File(string path, string content) => File(path, Encoding.UTF8.GetBytes(content));

    public TestImage File(string path, byte[] content)
    {
        var layer = Top();
        layer.Add(Regular(path, content.Length, layer.Index), content);
        return this;
    }

    /// <summary>
    /// A regular file whose bytes the reader did not keep but streamed through the catalogers' inspectors, as it does
    /// for every file no glob names: only their extracts are kept.
    /// </summary>
    public TestImage Inspected(string path, byte[] content, IReadOnlyList<IContentInspector>? inspectors = null)
    {
        var layer = Top();
        layer.Add(Regular(path, content.Length, layer.Index), null, ContentInspection.Inspect(inspectors ?? DefaultCatalogers.Inspectors, content));
        return this;
    }

    /// <summary>A regular file whose bytes the reader did not keep.</summary>
    public TestImage FileWithoutContent(string path)
    {
        var layer = Top();
        layer.Add(Regular(path, 10, layer.Index));
        return this;
    }

    public TestImage Symlink(string path, string target)
    {
        var layer = Top();
        layer.Add(new FileEntry(path, FileKind.Symlink, (UnixFileMode)0b111_111_111, 0, 0, 0, target, layer.Index));
        return this;
    }

    public TestImage Whiteout(string path)
    {
        Top().AddWhiteout(path);
        return this;
    }

    public IFileView View() => FileView.Squash(_layers);

    /// <summary>Each layer's own contents, base first, as the layer reader hands them over.</summary>
    public IReadOnlyList<LayerContents> Layers => _layers;

    private LayerContents NewLayer()
    {
        var layer = new LayerContents(_layers.Count);
        _layers.Add(layer);
        return layer;
    }

    private LayerContents Top() => _layers.Count == 0 ? NewLayer() : _layers[^1];

    private static FileEntry Regular(string path, long size, int layer) =>
        new(path, FileKind.Regular, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, 0, 0, size, null, layer);
}
