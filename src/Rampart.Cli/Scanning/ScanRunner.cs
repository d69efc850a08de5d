using Microsoft.Extensions.Logging;
using Rampart.Catalogers;
using Rampart.Cli.Configuration;
using Rampart.Core.Images;
using Rampart.Core.Scanning;
using Rampart.Images;
using Rampart.Reporting.CycloneDx;

namespace Rampart.Cli.Scanning;

/// <summary>Runs a scan request from start to exit code: read, catalog, write outputs, judge the gate.</summary>
internal static partial class ScanRunner
{
    public static async Task<int> RunAsync(
        ScanRequest request,
        RampartSettings settings,
        TextWriter output,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var loggers = Logging.Create(request.Verbose, request.Quiet);
        var logger = loggers.CreateLogger("Rampart");
        var readerOptions = new ImageReaderOptions
        {
            Platform = settings.Platform,
            Limits = new ReaderLimits
            {
                MaxImageBytes = settings.Limits.MaxImageBytes,
                MaxExpansionRatio = settings.Limits.MaxExpansionRatio,
                MaxEntries = settings.Limits.MaxEntries,
                MaxPathLength = settings.Limits.MaxPathLength,
                MaxRetainedBytes = settings.Limits.MaxRetainedBytes,
            },
            Progress = new Progress<string>(line => LogProgress(logger, line)),
        };
        using var resolver = new ImageSourceResolver(readerOptions);
        var sources = await resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var scanner = new ImageScanner(DefaultCatalogers.All, time, loggers.CreateLogger<ImageScanner>());
        var writer = new CycloneDxWriter(new CycloneDxBomBuilder(time));
        var specVersion = settings.Sbom.SpecVersion == "1.7" ? CycloneDxSpecVersion.V17 : CycloneDxSpecVersion.V16;

        foreach (var source in sources)
        {
            var scan = await scanner.ScanAsync(source, settings.Limits.MaxFileBytes, cancellationToken).ConfigureAwait(false);
            var sbomPath = SbomPath(request, source, settings);
            if (sbomPath is not null)
            {
                var written = await writer.WriteAsync(scan, sbomPath, SbomFormat(sbomPath, settings), specVersion, cancellationToken).ConfigureAwait(false);
                LogSbomWritten(logger, written.Path, written.ComponentCount, written.SpecVersion == CycloneDxSpecVersion.V17 ? "1.7" : "1.6");
            }

            await WriteSummaryAsync(output, scan, sbomPath).ConfigureAwait(false);
        }

        return ExitCodes.Passed;
    }

    private static string? SbomPath(ScanRequest request, IImageSource source, RampartSettings settings)
    {
        if (request.SbomFile is not null)
        {
            return request.SbomFile.FullName;
        }

        if (request.OutputDirectory is null)
        {
            return null;
        }

        var extension = settings.Sbom.Format == "xml" ? ".cdx.xml" : ".cdx.json";
        return Path.Combine(request.OutputDirectory.FullName, OutputNames.ForImage(source.Reference) + extension);
    }

    private static CycloneDxFormat? SbomFormat(string path, RampartSettings settings)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".json" => CycloneDxFormat.Json,
            ".xml" => CycloneDxFormat.Xml,
            _ => settings.Sbom.Format == "xml" ? CycloneDxFormat.Xml : CycloneDxFormat.Json,
        };
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImageScan scan, string? sbomPath)
    {
        var os = scan.Os is null ? "unknown distribution" : scan.Os.PrettyName ?? $"{scan.Os.Id} {scan.Os.VersionId}";
        var byType = scan.Packages.GroupBy(p => p.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        await output.WriteLineAsync($"{scan.Image.Reference}").ConfigureAwait(false);
        await output.WriteLineAsync($"  image id   {scan.Image.ConfigDigest}").ConfigureAwait(false);
        await output.WriteLineAsync($"  platform   {scan.Image.Platform}").ConfigureAwait(false);
        await output.WriteLineAsync($"  os         {os}").ConfigureAwait(false);
        await output.WriteLineAsync($"  packages   {scan.Packages.Count} ({string.Join(", ", byType)})").ConfigureAwait(false);
        if (sbomPath is not null)
        {
            await output.WriteLineAsync($"  sbom       {sbomPath}").ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogProgress(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote SBOM {Path}: {Components} components, CycloneDX {SpecVersion}")]
    private static partial void LogSbomWritten(ILogger logger, string path, int components, string specVersion);
}
