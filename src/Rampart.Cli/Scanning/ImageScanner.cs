using Microsoft.Extensions.Logging;
using Rampart.Catalogers;
using Rampart.Catalogers.Common;
using Rampart.Catalogers.Distro;
using Rampart.Core.Catalogers;
using Rampart.Core.Dockerfiles;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Core.Images;
using Rampart.Core.LockIn;
using Rampart.Core.Scanning;
using Rampart.Rules.Hardening;
using Rampart.Rules.LockIn;

namespace Rampart.Cli.Scanning;

/// <summary>Everything one image scan produced, before it is rendered.</summary>
internal sealed record ImageAnalysis(
    ImageScan Scan,
    IReadOnlyList<Finding> Findings,
    HardeningScore Hardening,
    LockInAssessment LockIn,
    BaseImageBoundary Boundary,
    IReadOnlyList<string> PolicyNotes);

/// <summary>
/// Reads an image once, keeping only the files that catalogers, rules and criteria declared, then catalogs its
/// packages (and finds the layer that introduced each), runs the hardening rules and the lock-in criteria over that one
/// snapshot. Nothing reads the image again.
/// </summary>
internal sealed partial class ImageScanner
{
    private readonly IReadOnlyList<ICataloger> _catalogers = DefaultCatalogers.All;
    private readonly IReadOnlyList<IRule> _rules;
    private readonly IReadOnlyList<ILockInCriterion> _criteria;
    private readonly FindingPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ImageScanner(FindingPolicy policy, IReadOnlyDictionary<string, double> lockInWeights, TimeProvider time, ILogger logger)
    {
        _policy = policy;
        _time = time;
        _logger = logger;
        _rules = HardeningRules.All.Where(policy.IsEnabled).ToList();
        _criteria = LockInCriteria.All
            .Select(c => lockInWeights.TryGetValue(c.Descriptor.Id, out var weight) ? new WeightedCriterion(c, weight) : c)
            .ToList();
    }

    public FileSelection Selection(long maxFileBytes) => new(
        DefaultCatalogers.ContentGlobs.Concat(_rules.SelectMany(r => r.ContentGlobs)).Concat(_criteria.SelectMany(c => c.ContentGlobs)),
        maxFileBytes,
        DefaultCatalogers.Inspectors,
        DefaultCatalogers.DatabaseGlobs);

    public async Task<ImageAnalysis> ScanAsync(IImageSource source, Dockerfile? dockerfile, long maxFileBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = _time.GetTimestamp();
        var snapshot = await source.ReadAsync(Selection(maxFileBytes), cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        LogRead(_logger, source.Reference, snapshot.Layers.Count, snapshot.Files.Entries.Count, elapsed.TotalMilliseconds);

        var os = OsReleaseReader.Read(snapshot.Files, _logger);
        var found = Isolated(_catalogers, c => c.Id, c => c.Catalog(new CatalogContext(snapshot.Files, os, _logger)), source.Reference);
        var packages = IntroducedLayers.Assign(found, snapshot.Layers, _catalogers, os)
            .Order(PackageOrder.Instance)
            .ToList();
        var labels = SecretInLabelsRule.Redact(snapshot.Image.Config.Labels, _policy.HardeningPolicy, snapshot.Files);
        var scan = new ImageScan(snapshot.Image with { Config = snapshot.Image.Config with { Labels = labels } }, os, packages, _time.GetUtcNow());

        var ruleContext = new RuleContext(snapshot, os, packages, dockerfile, _policy.HardeningPolicy);
        var (findings, notes) = _policy.Apply(Isolated(_rules, r => r.Descriptor.Id, ruleContext.Evaluate, source.Reference), packages);
        foreach (var note in notes)
        {
            LogPolicyNote(_logger, source.Reference, note);
        }

        var basePinned = dockerfile?.FinalStage is { } stage ? ImageName.Parse(stage.BaseImage).Digest is not null : (bool?)null;
        var lockIn = LockInEvaluator.Assess(LockInEvaluator.CreateContext(snapshot, os, packages, basePinned), _criteria);
        var hardening = HardeningScore.From(findings);
        LogScanned(_logger, source.Reference, packages.Count, os?.PrettyName ?? os?.Id ?? "an unknown distribution", findings.Count, hardening.Grade, lockIn.Level);
        return new ImageAnalysis(scan, findings, hardening, lockIn, ruleContext.Boundary, notes);
    }

    /// <summary>Runs each part on its own, in parallel: one that fails is reported and the others still count.</summary>
    private List<TResult> Isolated<TPart, TResult>(IReadOnlyList<TPart> parts, Func<TPart, string> id, Func<TPart, IEnumerable<TResult>> run, string reference)
    {
        var results = new List<TResult>[parts.Count];
        Parallel.For(0, parts.Count, i =>
        {
            try
            {
                results[i] = run(parts[i]).ToList();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                LogPartFailed(_logger, id(parts[i]), reference, e.Message);
                results[i] = [];
            }
        });
        return results.SelectMany(r => r).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Reference}: {Layers} layers, {Files} paths in {Milliseconds:F0} ms")]
    private static partial void LogRead(ILogger logger, string reference, int layers, int files, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanned {Reference}: {Packages} packages on {Os}, {Findings} findings (grade {Grade}), lock-in {Level}")]
    private static partial void LogScanned(ILogger logger, string reference, int packages, string os, int findings, char grade, LockInLevel level);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Part} failed on {Reference}: {Problem}; its results are missing")]
    private static partial void LogPartFailed(ILogger logger, string part, string reference, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reference}: {Note}")]
    private static partial void LogPolicyNote(ILogger logger, string reference, string note);
}
