using System.Text.Json;
using Rampart.Core.Results;

namespace Rampart.Reporting.Results;

/// <summary>
/// What <c>--baseline</c> compares against: an earlier results file (packages, findings, scores), a CycloneDX JSON SBOM
/// (packages only), or an image the caller scanned.
/// </summary>
public sealed class Baseline
{
    private readonly IReadOnlyList<ImageResult> _images;
    private readonly SbomPackages? _sbom;

    private Baseline(string source, IReadOnlyList<ImageResult> images, SbomPackages? sbom)
    {
        Source = source;
        _images = images;
        _sbom = sbom;
    }

    /// <summary>The file path or image reference the baseline came from.</summary>
    public string Source { get; }

    /// <summary>Whether the baseline has packages only (an SBOM), so findings and scores are not compared.</summary>
    public bool PackagesOnly => _sbom is not null;

    /// <summary>A baseline of images scanned by the caller, e.g. the target branch's image.</summary>
    public static Baseline FromImages(IReadOnlyList<ImageResult> images, string source)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return new Baseline(source, images, null);
    }

    /// <summary>Reads a results file or a CycloneDX JSON SBOM, told apart by content.</summary>
    /// <exception cref="ResultsFileException">The file is missing, unreadable, or neither; the message names it.</exception>
    public static async Task<Baseline> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException($"Cannot read the baseline '{path}': {e.Message}", e);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new ResultsFileException($"The baseline '{path}' is not JSON: a Rampart results file or a CycloneDX JSON SBOM is expected ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("bomFormat", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "CycloneDX")
            {
                return new Baseline(path, [], SbomPackages.Read(root, path));
            }
        }

        return new Baseline(path, ResultsReader.Parse(bytes, path).Images, null);
    }

    /// <summary>
    /// Compares <paramref name="current"/> with its baseline image: the one with the same reference, else the same
    /// repository (another tag), else the only one. Null when none matches.
    /// </summary>
    public BaselineComparison? CompareWith(ImageResult current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (_sbom is { } sbom)
        {
            return BaselineComparison.ComparePackages(sbom.Packages, sbom.Reference, current, Source);
        }

        var repository = ImageReferences.Repository(current.Reference);
        var match = _images.FirstOrDefault(i => i.Reference == current.Reference)
            ?? _images.FirstOrDefault(i => ImageReferences.Repository(i.Reference) == repository)
            ?? (_images.Count == 1 ? _images[0] : null);
        return match is null ? null : BaselineComparison.Compare(match, current, Source);
    }

    /// <summary>The packages a CycloneDX JSON SBOM lists, named as Rampart names them.</summary>
    private sealed record SbomPackages(string Reference, IReadOnlyList<PackageEntry> Packages)
    {
        public static SbomPackages Read(JsonElement bom, string path)
        {
            var subject = bom.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("component", out var component) ? component : default;
            var reference = Property(subject, "rampart:image:reference") ?? String(subject, "name") ?? path;
            var packages = new List<PackageEntry>();
            if (bom.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in components.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || String(item, "type") == "operating-system" || String(item, "name") is not { } name)
                    {
                        continue;
                    }

                    var purl = String(item, "purl");
                    var type = Property(item, "rampart:package:type") ?? PurlType(purl) ?? "generic";
                    var group = String(item, "group");

                    // Rampart names npm packages with their scope (@babel/core); CycloneDX puts the scope in the group.
                    var fullName = type == "npm" && group is not null ? $"{group}/{name}" : name;
                    packages.Add(new PackageEntry(type, fullName, String(item, "version") ?? string.Empty, purl));
                }
            }
            else if (bom.TryGetProperty("components", out _))
            {
                throw new ResultsFileException($"The baseline SBOM '{path}' has a \"components\" value that is not an array.");
            }

            return new SbomPackages(reference, packages.Distinct().Order(PackageEntry.Order).ToList());
        }

        private static string? String(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? Property(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return properties.EnumerateArray().Where(p => String(p, "name") == name).Select(p => String(p, "value")).FirstOrDefault();
        }

        private static string? PurlType(string? purl)
        {
            if (purl is null || !purl.StartsWith("pkg:", StringComparison.Ordinal))
            {
                return null;
            }

            var slash = purl.IndexOf('/', 4);
            return slash > 4 ? purl[4..slash].ToLowerInvariant() : null;
        }
    }
}
