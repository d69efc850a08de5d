using System.Text;
using Rampart.Core.Files;
using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>A file as one layer wrote it, with its kept bytes.</summary>
internal sealed record LayerFile(int Layer, FileEntry Entry, ReadOnlyMemory<byte>? Content)
{
    /// <summary>The bytes as text, or <see langword="null"/> when not kept or binary (a NUL in the first 8 KiB).</summary>
    public string? Text
    {
        get
        {
            if (Content is not { } bytes || bytes.Span[..Math.Min(bytes.Length, 8192)].Contains((byte)0))
            {
                return null;
            }

            return Encoding.UTF8.GetString(bytes.Span);
        }
    }
}

/// <summary>
/// Files of every layer, not only the squashed view: a secret written in one layer and deleted in the next is still
/// in the image for anyone who pulls it.
/// </summary>
internal static class LayerFiles
{
    /// <summary>Regular files of all layers whose path <paramref name="selection"/> wants, base layer first.</summary>
    public static IEnumerable<LayerFile> Matching(RuleContext context, FileSelection selection) =>
        context.Snapshot.Layers.SelectMany(layer => layer.Entries.Values
            .Where(e => e.IsRegular && selection.WantsContent(e.Path, 0))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .Select(e => new LayerFile(layer.Index, e, layer.ContentOf(e.Path))));

    /// <summary>" (removed in a later layer)" when the squashed image no longer has this layer's version of the file.</summary>
    public static string LaterFate(RuleContext context, LayerFile file) =>
        context.Snapshot.Files.Find(file.Entry.Path)?.Layer == file.Layer ? string.Empty : " (removed or replaced in a later layer, still in the image)";

    /// <summary>Paths where packages and tools ship sample keys and test data; secret content there is not reported.</summary>
    public static bool IsSampleOrVendorPath(string path) =>
        path.StartsWith("/usr/share/", StringComparison.Ordinal)
        || path.StartsWith("/usr/include/", StringComparison.Ordinal)
        || path.StartsWith("/usr/lib/", StringComparison.Ordinal)
        || path.StartsWith("/usr/local/lib/python", StringComparison.Ordinal)
        || path.StartsWith("/usr/local/go/", StringComparison.Ordinal)
        || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        || SampleSegments.Any(s => path.Contains(s, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] SampleSegments =
    [
        "/test/", "/tests/", "/testdata/", "/test-data/", "/fixtures/", "/__tests__/", "/spec/",
        "/example/", "/examples/", "/sample/", "/samples/", "/vendor/", "/node_modules/", "/site-packages/",
        "/dist-packages/", "/locale/", "/locales/",
    ];
}
