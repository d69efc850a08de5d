using Microsoft.Extensions.Logging;
using Rampart.Catalogers.Common;
using Rampart.Catalogers.Distro;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Core.Packages;
using Rampart.Core.Scanning;

namespace Rampart.Cli.Scanning;

/// <summary>
/// Reads an image once, keeping only the files the catalogers asked for, then runs every cataloger over the
/// squashed view in parallel. Nothing downstream reads the image again.
/// </summary>
internal sealed partial class ImageScanner(IReadOnlyList<ICataloger> catalogers, TimeProvider time, ILogger<ImageScanner> logger)
{
    public FileSelection Selection(long maxFileBytes) =>
        new(catalogers.SelectMany(c => c.ContentGlobs).Concat(OsReleaseReader.Globs), maxFileBytes);

    public async Task<ImageScan> ScanAsync(IImageSource source, long maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = time.GetTimestamp();
        var snapshot = await source.ReadAsync(Selection(maxFileBytes), cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        LogRead(logger, source.Reference, snapshot.Layers.Count, snapshot.Files.Entries.Count, elapsed.TotalMilliseconds);

        var os = OsReleaseReader.Read(snapshot.Files, logger);
        var context = new CatalogContext(snapshot.Files, os, logger);
        var found = new List<Package>[catalogers.Count];
        Parallel.For(0, catalogers.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                found[i] = catalogers[i].Catalog(context).ToList();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or InvalidOperationException)
            {
                LogCatalogerFailed(logger, catalogers[i].Id, source.Reference, e.Message);
                found[i] = [];
            }
        });

        var packages = found.SelectMany(p => p).Order(PackageOrder.Instance).ToList();
        LogCataloged(logger, source.Reference, packages.Count, os?.PrettyName ?? os?.Id ?? "unknown distribution");
        return new ImageScan(snapshot.Image, os, packages, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Reference}: {Layers} layers, {Files} paths in {Milliseconds:F0} ms")]
    private static partial void LogRead(ILogger logger, string reference, int layers, int files, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cataloged {Reference}: {Packages} packages on {Os}")]
    private static partial void LogCataloged(ILogger logger, string reference, int packages, string os);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cataloger {Cataloger} failed on {Reference}: {Problem}; its packages are missing from the results")]
    private static partial void LogCatalogerFailed(ILogger logger, string cataloger, string reference, string problem);
}
