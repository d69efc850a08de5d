using System.Collections;
using Microsoft.Extensions.Logging;
using Rampart.Cli.Configuration;
using Rampart.Cli.Publishing;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Images;
using Rampart.Core.Results;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.Reporting.CycloneDx;
using Rampart.Reporting.Html;
using Rampart.Reporting.Markdown;
using Rampart.Reporting.Results;
using Rampart.Reporting.Sarif;
using Rampart.Rules.Hardening;

namespace Rampart.Cli.Scanning;

/// <summary>Runs a scan request from start to exit code: read, analyse, write every output, judge the gate.</summary>
internal static partial class ScanRunner
{
    public static async Task<int> RunAsync(
        ScanRequest request,
        RampartSettings settings,
        TextWriter output,
        TimeProvider time,
        IDictionary environment,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.Limits.MaxScanSeconds));
        try
        {
            return await RunWithinAsync(request, settings, output, time, environment, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImageReadException(
                $"The run took longer than limits:maxScanSeconds ({settings.Limits.MaxScanSeconds} s) and was stopped; no output was left half-written.");
        }
    }

    private static async Task<int> RunWithinAsync(
        ScanRequest request,
        RampartSettings settings,
        TextWriter output,
        TimeProvider time,
        IDictionary environment,
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
        var tool = new ToolInfo("rampart", CliApplication.Version);
        var merged = await ReadMergedAsync(request.Merge, tool, cancellationToken).ConfigureAwait(false);
        using var resolver = new ImageSourceResolver(readerOptions, settings.Registry);
        var sources = await resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var policy = new FindingPolicy(settings.Policy, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var scanner = new ImageScanner(policy, settings.Policy.LockInWeights, time, logger);
        var dockerfile = request.Build is null ? null : await ParseDockerfileAsync(request.Build, cancellationToken).ConfigureAwait(false);
        var sbomWriter = new CycloneDxWriter(new CycloneDxBomBuilder(time));
        var specVersion = settings.Sbom.SpecVersion == "1.7" ? CycloneDxSpecVersion.V17 : CycloneDxSpecVersion.V16;
        var sbomNames = new OutputNames();
        var baseline = request.Baseline is null ? null : await BaselineAsync(request.Baseline, resolver, scanner, settings, cancellationToken).ConfigureAwait(false);

        var images = new List<ImageResult>();
        foreach (var source in sources)
        {
            var analysis = await scanner.ScanAsync(source, source is DockerBuildImageSource ? dockerfile : null, settings.Limits.MaxFileBytes, cancellationToken)
                .ConfigureAwait(false);
            SbomInfo? sbom = null;
            if (SbomPath(request, source, settings, sbomNames) is { } sbomPath)
            {
                var written = await sbomWriter.WriteAsync(analysis.Scan, sbomPath, SbomFormat(sbomPath, settings), specVersion, cancellationToken).ConfigureAwait(false);
                LogWritten(logger, "SBOM", written.Path);
                sbom = new SbomInfo(DisplayPath(written.Path), written.ComponentCount);
            }

            images.Add(ImageResult.From(analysis.Scan, analysis.Findings, analysis.LockIn, sbom, analysis.Boundary));
        }

        var combined = Combine(images, merged, tool, logger)
            .Select(image => baseline?.CompareWith(image) is { } changes ? image with { Baseline = changes } : image)
            .ToList();
        var gate = Gate.Evaluate(combined, settings.FailOn, settings.FailOnLockIn);
        var results = ScanResults.Create(combined, gate, tool, time);
        await WriteReportsAsync(results, request.Reports, settings, logger, cancellationToken).ConfigureAwait(false);
        await ConsoleSummary.WriteAsync(output, results, settings.MinSeverity).ConfigureAwait(false);
        await PullRequestPublishing.PublishAsync(results, request.Reports, settings, environment, output, time, logger, cancellationToken)
            .ConfigureAwait(false);
        return gate.Failed ? ExitCodes.GateFailed : ExitCodes.Passed;
    }

    private static async Task WriteReportsAsync(ScanResults results, ReportTargets targets, RampartSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var rules = HardeningRules.All.Select(r => r.Descriptor).ToList();
        var markdown = new MarkdownOptions { Rules = rules, MinimumSeverity = settings.MinSeverity, RulesDocumentUrl = settings.RulesDocumentUrl };
        var writes = new List<(string? Path, string Name, Func<string, Task> Write)>
        {
            (targets.Json, "results", path => ResultsJson.WriteAsync(results, path, cancellationToken)),
            (targets.Markdown, "Markdown report", path => MarkdownReport.WriteAsync(results, path, markdown with { FullReportLocation = targets.Html }, cancellationToken)),
            (targets.Html, "HTML report", path => HtmlReport.WriteAsync(results, path, markdown, cancellationToken)),
            (targets.Sarif, "SARIF", path => SarifReport.WriteAsync(
                results,
                path,
                new SarifOptions { Rules = rules, RulesDocumentUrl = settings.RulesDocumentUrl, SourceRoot = Directory.GetCurrentDirectory() },
                cancellationToken)),
        };
        foreach (var (path, name, write) in writes)
        {
            if (path is not null)
            {
                await write(path).ConfigureAwait(false);
                LogWritten(logger, name, path);
            }
        }
    }

    /// <summary>Reads every <c>--merge</c> file before anything is scanned, so a bad one stops the run at once.</summary>
    private static async Task<List<ResultsSource>> ReadMergedAsync(IReadOnlyList<string> files, ToolInfo tool, CancellationToken cancellationToken)
    {
        var read = new List<ResultsSource>(files.Count);
        foreach (var file in files)
        {
            try
            {
                var source = new ResultsSource(file, await ResultsReader.ReadAsync(file, cancellationToken).ConfigureAwait(false));
                ResultsMerge.Check(source, tool);
                read.Add(source);
            }
            catch (ResultsFileException e)
            {
                throw new UsageException($"--merge: {e.Message}");
            }
        }

        return read;
    }

    private static IReadOnlyList<ImageResult> Combine(List<ImageResult> scanned, List<ResultsSource> merged, ToolInfo tool, ILogger logger)
    {
        if (merged.Count == 0)
        {
            return scanned;
        }

        var combined = ResultsMerge.Combine(scanned, merged, tool);
        foreach (var note in combined.Notes)
        {
            LogMergeNote(logger, note);
        }

        LogMerged(logger, combined.Images.Count - scanned.Count, merged.Count);
        return combined.Images;
    }

    /// <summary>An existing JSON file is an earlier results file or SBOM; anything else is an image, scanned the same way first.</summary>
    private static async Task<Baseline> BaselineAsync(
        string baseline,
        ImageSourceResolver resolver,
        ImageScanner scanner,
        RampartSettings settings,
        CancellationToken cancellationToken)
    {
        if (File.Exists(baseline) && await IsJsonAsync(baseline, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                return await Baseline.ReadAsync(Path.GetFullPath(baseline), cancellationToken).ConfigureAwait(false);
            }
            catch (ResultsFileException e)
            {
                throw new UsageException($"--baseline: {e.Message}");
            }
        }

        var source = await resolver.ResolveAsync(baseline, cancellationToken).ConfigureAwait(false);
        var analysis = await scanner.ScanAsync(source, null, settings.Limits.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        return Baseline.FromImages([ImageResult.From(analysis.Scan, analysis.Findings, analysis.LockIn, null, analysis.Boundary)], baseline);
    }

    private static async Task<bool> IsJsonAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var head = new byte[64];
            var read = await stream.ReadAsync(head, cancellationToken).ConfigureAwait(false);
            return head.AsSpan(0, read).TrimStart(" \t\r\n\uFEFF"u8) is [(byte)'{', ..];
        }
    }

    private static string? SbomPath(ScanRequest request, IImageSource source, RampartSettings settings, OutputNames names)
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
        return Path.Combine(request.OutputDirectory.FullName, names.Claim(source.Reference) + extension);
    }

    private static CycloneDxFormat SbomFormat(string path, RampartSettings settings) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => CycloneDxFormat.Json,
        ".xml" => CycloneDxFormat.Xml,
        _ => settings.Sbom.Format == "xml" ? CycloneDxFormat.Xml : CycloneDxFormat.Json,
    };

    /// <summary>Relative to the working directory when inside it (reports are read from the repository), else absolute.</summary>
    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private static async Task<Dockerfile> ParseDockerfileAsync(BuildRequest build, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(build.Dockerfile.FullName, cancellationToken).ConfigureAwait(false);
        return DockerfileParser.Parse(text, DisplayPath(build.Dockerfile.FullName));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogProgress(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "--merge: {Note}")]
    private static partial void LogMergeNote(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged {Images} images from {Files} results files; SBOMs are not written again for them")]
    private static partial void LogMerged(ILogger logger, int images, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {What} {Path}")]
    private static partial void LogWritten(ILogger logger, string what, string path);
}
