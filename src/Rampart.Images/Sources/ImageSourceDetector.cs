using System.Formats.Tar;
using System.Text.RegularExpressions;
using Rampart.Core.Images;
using Rampart.Images.Archives;
using Rampart.Images.Layers;

namespace Rampart.Images.Sources;

/// <summary>
/// Tells which source an image input names: by its scheme (<c>docker-archive:app.tar</c>, as Syft spells them), or for
/// an existing path without one, by its content.
/// </summary>
public static partial class ImageSourceDetector
{
    public const string Docker = "docker";
    public const string DockerArchive = "docker-archive";
    public const string OciArchive = "oci-archive";
    public const string OciDir = "oci-dir";
    public const string Registry = "registry";
    public const string Dir = "dir";

    /// <summary>The schemes an input may start with.</summary>
    public static IReadOnlyList<string> Schemes { get; } = [Docker, DockerArchive, OciArchive, OciDir, Registry, Dir];

    /// <summary>
    /// Splits <c>scheme:value</c>. An input with no known scheme comes back whole with a <see langword="null"/> scheme:
    /// <c>nginx:1.27</c> and <c>localhost:5000/app</c> are references, not schemes. A prefix that can only be meant as
    /// a scheme (<c>podman:docker.io/x:1</c>, <c>oci:/tmp/x</c>) fails naming it.
    /// </summary>
    /// <exception cref="ImageReadException">Unknown scheme, or a scheme with nothing after it.</exception>
    public static (string? Scheme, string Value) ParseScheme(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, input);
        }

        var prefix = input[..colon];
        var rest = input[(colon + 1)..];
        if (Schemes.Contains(prefix, StringComparer.Ordinal))
        {
            return rest.Length == 0 ? throw new ImageReadException($"{input}: the {prefix}: scheme needs a value after the colon") : (prefix, rest);
        }

        if (SchemeName().IsMatch(prefix) && !Tag().IsMatch(rest) && !Port().IsMatch(rest) && !(prefix.Length == 1 && rest.StartsWith('\\')))
        {
            throw new ImageReadException($"{input}: unknown scheme '{prefix}:'; known schemes: {string.Join(", ", Schemes.Select(s => s + ":"))}");
        }

        return (null, input);
    }

    /// <summary>What an existing path holds: an OCI layout or a root filesystem (directories), a docker-archive or an OCI layout tar (files).</summary>
    /// <exception cref="ImageReadException">The path does not exist or holds none of these.</exception>
    public static ImageSourceKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return File.Exists(Path.Combine(path, "oci-layout")) ? ImageSourceKind.OciDirectory : ImageSourceKind.Directory;
        }

        if (!File.Exists(path))
        {
            throw new ImageReadException($"{path}: no such file or directory");
        }

        try
        {
            return DetectArchive(path);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw new ImageReadException($"{path}: not an image archive: {e.Message}", e);
        }
    }

    /// <summary>The source for a local input of <paramref name="kind"/>.</summary>
    public static IImageSource Open(ImageSourceKind kind, string path, string reference, ImageReaderOptions options) => kind switch
    {
        ImageSourceKind.DockerArchive => new DockerArchiveSource(path, reference, options),
        ImageSourceKind.OciArchive => new OciArchiveSource(path, reference, options),
        ImageSourceKind.OciDirectory => new OciDirectorySource(path, reference, options),
        _ => new RootFsSource(path, reference, options),
    };

    /// <summary>The kind a local scheme names, or <see langword="null"/> for <c>docker:</c> and <c>registry:</c>.</summary>
    public static ImageSourceKind? KindOf(string scheme) => scheme switch
    {
        DockerArchive => ImageSourceKind.DockerArchive,
        OciArchive => ImageSourceKind.OciArchive,
        OciDir => ImageSourceKind.OciDirectory,
        Dir => ImageSourceKind.Directory,
        _ => null,
    };

    private static ImageSourceKind DetectArchive(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[LayerCompressions.MagicLength];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var compression = LayerCompressions.Detect(head.AsSpan(0, read));
        using var outer = LayerCompressions.Decompress(file, compression);
        using var guarded = new TarHeaderGuard(outer, ReaderLimits.Default.MaxMetadataBytes, (offset, type, size) => new ImageReadException(
            $"{path}: the archive's tar header at byte {offset} announces a '{type}' record of {size} bytes, over the limit of {ReaderLimits.Default.MaxMetadataBytes} (limit MaxMetadataBytes)"));
        using var reader = new TarReader(guarded, leaveOpen: true);
        bool layout = false, index = false;
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            switch (ArchiveNames.Normalize(entry.Name))
            {
                case "manifest.json":
                    return ImageSourceKind.DockerArchive;
                case "oci-layout":
                    layout = true;
                    break;
                case "index.json":
                    index = true;
                    break;
            }
        }

        return layout && index
            ? ImageSourceKind.OciArchive
            : throw new ImageReadException($"{path}: a tar with neither manifest.json (docker-archive) nor oci-layout and index.json (OCI layout)");
    }

    [GeneratedRegex("^[a-z][a-z0-9+.-]*$")]
    private static partial Regex SchemeName();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex Tag();

    [GeneratedRegex("^[0-9]+(/|$)")]
    private static partial Regex Port();
}
