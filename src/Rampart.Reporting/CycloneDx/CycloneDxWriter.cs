using CycloneDX.Models;
using Rampart.Core.Scanning;

namespace Rampart.Reporting.CycloneDx;

/// <summary>Writes the CycloneDX SBOM of an image scan as JSON or XML.</summary>
public sealed class CycloneDxWriter
{
    private readonly CycloneDxBomBuilder _builder;

    public CycloneDxWriter(CycloneDxBomBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _builder = builder;
    }

    /// <summary>
    /// Writes the SBOM of <paramref name="scan"/> to <paramref name="path"/>, atomically: the file is either the complete new SBOM
    /// or left as it was. The format is <paramref name="format"/>, else the path's extension decides (<c>.json</c>, <c>.xml</c>).
    /// </summary>
    /// <exception cref="ArgumentException">No format was given and the extension names none.</exception>
    public async Task<CycloneDxWriteResult> WriteAsync(
        ImageScan scan,
        string path,
        CycloneDxFormat? format = null,
        CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V16,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var resolved = format ?? FormatOf(path);
        var bom = _builder.Build(scan, specVersion);
        await AtomicFile.WriteAsync(path, stream => SerializeAsync(bom, stream, resolved, cancellationToken)).ConfigureAwait(false);
        return new CycloneDxWriteResult(Path.GetFullPath(path), resolved, specVersion, bom.Components?.Count ?? 0);
    }

    /// <summary>Writes the SBOM of <paramref name="scan"/> to <paramref name="destination"/>, which stays open.</summary>
    public Task WriteAsync(
        ImageScan scan,
        Stream destination,
        CycloneDxFormat format,
        CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V16,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(destination);
        return SerializeAsync(_builder.Build(scan, specVersion), destination, format, cancellationToken);
    }

    /// <summary>The format a path's extension names.</summary>
    /// <exception cref="ArgumentException">The extension is neither <c>.json</c> nor <c>.xml</c>.</exception>
    public static CycloneDxFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSON" => CycloneDxFormat.Json,
            ".XML" => CycloneDxFormat.Xml,
            _ => throw new ArgumentException($"'{path}' does not end in .json or .xml, so the SBOM format is unknown; name the format or use one of those extensions.", nameof(path)),
        };
    }

    private static async Task SerializeAsync(Bom bom, Stream destination, CycloneDxFormat format, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (format)
        {
            case CycloneDxFormat.Json:
                // The relaxed encoder keeps '&' in purls as it is instead of \u0026; the output is UTF-8 JSON, never embedded in HTML.
                await CycloneDX.Json.Serializer.SerializeAsync(bom, destination, unsafeRelaxedJsonEscaping: true).ConfigureAwait(false);
                break;
            case CycloneDxFormat.Xml:
                CycloneDX.Xml.Serializer.Serialize(bom, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a CycloneDX format Rampart writes.");
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An SBOM written to a file.</summary>
/// <param name="Path">The full path written.</param>
/// <param name="Format">The encoding used.</param>
/// <param name="SpecVersion">The CycloneDX version written.</param>
/// <param name="ComponentCount">Components in the BOM (distribution and packages; the image itself is the BOM's subject, not counted).</param>
public sealed record CycloneDxWriteResult(string Path, CycloneDxFormat Format, CycloneDxSpecVersion SpecVersion, int ComponentCount);
