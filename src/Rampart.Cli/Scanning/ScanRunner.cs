using Microsoft.Extensions.Logging;
using Rampart.Cli.Configuration;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
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
        var policy = new FindingPolicy(settings.Policy, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var scanner = new ImageScanner(policy, settings.Policy.LockInWeights, time, logger);
        var dockerfile = request.Build is null ? null : await ParseDockerfileAsync(request.Build, cancellationToken).ConfigureAwait(false);
        var writer = new CycloneDxWriter(new CycloneDxBomBuilder(time));
        var specVersion = settings.Sbom.SpecVersion == "1.7" ? CycloneDxSpecVersion.V17 : CycloneDxSpecVersion.V16;

        foreach (var source in sources)
        {
            var analysis = await scanner.ScanAsync(source, source is DockerBuildImageSource ? dockerfile : null, settings.Limits.MaxFileBytes, cancellationToken)
                .ConfigureAwait(false);
            var scan = analysis.Scan;
            var sbomPath = SbomPath(request, source, settings);
            if (sbomPath is not null)
            {
                var written = await writer.WriteAsync(scan, sbomPath, SbomFormat(sbomPath, settings), specVersion, cancellationToken).ConfigureAwait(false);
                LogSbomWritten(logger, written.Path, written.ComponentCount, written.SpecVersion == CycloneDxSpecVersion.V17 ? "1.7" : "1.6");
            }

            await WriteSummaryAsync(output, analysis, sbomPath).ConfigureAwait(false);
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

    private static async Task<Dockerfile> ParseDockerfileAsync(BuildRequest build, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(build.Dockerfile.FullName, cancellationToken).ConfigureAwait(false);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), build.Dockerfile.FullName).Replace('\\', '/');
        return DockerfileParser.Parse(text, relative);
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImageAnalysis analysis, string? sbomPath)
    {
        var scan = analysis.Scan;
        var os = scan.Os is null ? "unknown distribution" : scan.Os.PrettyName ?? $"{scan.Os.Id} {scan.Os.VersionId}";
        var byType = scan.Packages.GroupBy(p => p.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        var bySeverity = analysis.Findings.Where(f => f.Waiver is null).GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        var lockIn = analysis.LockIn;
        var lines = new List<string>
        {
            scan.Image.Reference,
            $"  image id   {scan.Image.ConfigDigest}",
            $"  platform   {scan.Image.Platform}",
            $"  os         {os}",
            $"  packages   {scan.Packages.Count} ({string.Join(", ", byType)})",
            $"  hardening  {analysis.Hardening.Score}/100, grade {analysis.Hardening.Grade}; findings: {(analysis.Findings.Count == 0 ? "none" : string.Join(", ", bySeverity))}",
            $"  lock-in    {lockIn.Score:0.#}/100, {lockIn.Level.ToString().ToLowerInvariant()}; vendor {lockIn.Vendor}, {lockIn.Distro}",
        };
        if (sbomPath is not null)
        {
            lines.Add($"  sbom       {sbomPath}");
        }

        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogProgress(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote SBOM {Path}: {Components} components, CycloneDX {SpecVersion}")]
    private static partial void LogSbomWritten(ILogger logger, string path, int components, string specVersion);
}
