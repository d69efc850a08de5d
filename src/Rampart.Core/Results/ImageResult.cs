using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Core.Scanning;

namespace Rampart.Core.Results;

/// <summary>Everything Rampart reports about one image; every report renders from it.</summary>
public sealed record ImageResult
{
    /// <summary>The image as the user named it.</summary>
    public required string Reference { get; init; }

    /// <summary>The manifest digest, when the source has one.</summary>
    public string? Digest { get; init; }

    /// <summary>The config digest: the image id.</summary>
    public required string ImageId { get; init; }

    /// <summary><c>os/arch[/variant]</c>.</summary>
    public required string Platform { get; init; }

    public OsInfo? Os { get; init; }

    /// <summary>The SBOM written for the image, when one was.</summary>
    public SbomInfo? Sbom { get; init; }

    public required int LayerCount { get; init; }

    /// <summary>Index of the first layer the application's build made (layers before it are the base image), when known.</summary>
    public int? FirstApplicationLayer { get; init; }

    /// <summary>Packages per ecosystem, by type.</summary>
    public IReadOnlyList<EcosystemStatistics> Ecosystems { get; init; } = [];

    /// <summary>Every package, by type, name, version; what a later baseline comparison reads.</summary>
    public IReadOnlyList<PackageEntry> Packages { get; init; } = [];

    public required HardeningResult Hardening { get; init; }

    /// <summary>The lock-in verdict, when it was assessed.</summary>
    public LockInResult? LockIn { get; init; }

    /// <summary>What changed since the baseline, when one was given.</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>Whether <paramref name="layer"/> belongs to the base image; null when the boundary is unknown.</summary>
    public bool? IsBaseLayer(int layer) => FirstApplicationLayer is { } first ? layer < first : null;

    /// <summary>
    /// The result of one scan. Findings are ordered by <see cref="ReportedFindingOrder"/>, packages by type, name and
    /// version, so the same inputs always give the same result.
    /// </summary>
    /// <param name="scan">The scan: image, distribution, packages.</param>
    /// <param name="findings">Hardening findings after policy (severity overrides and waivers applied).</param>
    /// <param name="lockIn">The lock-in assessment, when one was made.</param>
    /// <param name="sbom">The SBOM written, when one was.</param>
    /// <param name="boundary">Where the base image ends, when known; lets reports say base or application per layer.</param>
    public static ImageResult From(
        ImageScan scan,
        IEnumerable<Finding> findings,
        LockInAssessment? lockIn,
        SbomInfo? sbom,
        BaseImageBoundary? boundary = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.ToList();
        var image = scan.Image;
        return new ImageResult
        {
            Reference = image.Reference,
            Digest = image.ManifestDigest,
            ImageId = image.ConfigDigest,
            Platform = image.Platform.ToString(),
            Os = scan.Os is null ? null : new OsInfo { Id = scan.Os.Id, VersionId = scan.Os.VersionId, Name = scan.Os.Name, PrettyName = scan.Os.PrettyName },
            Sbom = sbom,
            LayerCount = image.Layers.Count,
            FirstApplicationLayer = boundary?.FirstApplicationLayer,
            Ecosystems = EcosystemStatistics.Of(scan.Packages, boundary),
            Packages = PackageEntry.Of(scan.Packages),
            Hardening = HardeningResult.From(all),
            LockIn = lockIn is null ? null : LockInResult.From(lockIn),
        };
    }
}

/// <summary>The distribution, as os-release names it.</summary>
public sealed record OsInfo
{
    public required string Id { get; init; }

    public string? VersionId { get; init; }

    public string? Name { get; init; }

    public string? PrettyName { get; init; }
}

/// <summary>Where the image's SBOM was written and how many components it has.</summary>
/// <param name="Path">The SBOM file as the user named it.</param>
/// <param name="ComponentCount">Components in the BOM.</param>
public sealed record SbomInfo(string Path, int ComponentCount);

/// <summary>One package, reduced to what identifies it across scans, and the layer that introduced it.</summary>
public sealed record PackageEntry(string Type, string Name, string Version, string? Purl)
{
    /// <summary>The lowest layer that introduced the package (it may be found in several places); null when unknown.</summary>
    public int? IntroducedLayer { get; init; }

    public static IComparer<PackageEntry> Order { get; } = Comparer<PackageEntry>.Create((x, y) =>
    {
        var order = string.CompareOrdinal(x.Type, y.Type);
        order = order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
        order = order != 0 ? order : string.CompareOrdinal(x.Version, y.Version);
        return order != 0 ? order : string.CompareOrdinal(x.Purl, y.Purl);
    });

    /// <summary>One entry per distinct package, in <see cref="Order"/>.</summary>
    public static IReadOnlyList<PackageEntry> Of(IEnumerable<Package> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return packages
            .GroupBy(p => new PackageEntry(p.Type, p.Name, p.Version, p.Purl?.ToString()))
            .Select(g => g.Key with { IntroducedLayer = g.Min(p => p.IntroducedLayer) })
            .Order(Order)
            .ToList();
    }
}

/// <summary>Packages of one ecosystem (purl type) in an image.</summary>
/// <param name="Type">The purl type: <c>deb</c>, <c>npm</c>, ...</param>
/// <param name="Packages">Packages found.</param>
/// <param name="WithoutLicense">Packages that declare no license.</param>
/// <param name="InApplicationLayers">Packages the application's layers introduced; null when the base boundary is unknown.</param>
public sealed record EcosystemStatistics(string Type, int Packages, int WithoutLicense, int? InApplicationLayers)
{
    public static IReadOnlyList<EcosystemStatistics> Of(IEnumerable<Package> packages, BaseImageBoundary? boundary)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return packages
            .GroupBy(p => p.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EcosystemStatistics(
                g.Key,
                g.Count(),
                g.Count(p => p.Licenses.Count == 0),
                boundary is null ? null : g.Count(p => p.IntroducedLayer is { } layer && !boundary.IsBaseLayer(layer))))
            .ToList();
    }
}

/// <summary>The hardening verdict on one image.</summary>
public sealed record HardeningResult
{
    /// <summary>0 to 100, see <see cref="HardeningScore"/>.</summary>
    public required int Score { get; init; }

    /// <summary>A to F.</summary>
    public required string Grade { get; init; }

    public required SeverityCounts Counts { get; init; }

    /// <summary>Every finding, in <see cref="ReportedFindingOrder"/>.</summary>
    public IReadOnlyList<ReportedFinding> Findings { get; init; } = [];

    public static HardeningResult From(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var score = HardeningScore.From(findings);
        var reported = findings.Select(ReportedFinding.From).Order(ReportedFindingOrder.Instance).ToList();
        return new HardeningResult
        {
            Score = score.Score,
            Grade = score.Grade.ToString(),
            Counts = SeverityCounts.Of(reported),
            Findings = reported,
        };
    }
}

/// <summary>Unwaived findings per severity, and waived findings apart.</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low, int Info, int Waived)
{
    public static SeverityCounts Of(IEnumerable<ReportedFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.ToList();
        var active = all.Where(f => !f.Waived).ToList();
        return new SeverityCounts(
            active.Count(f => f.Severity == Severity.Critical),
            active.Count(f => f.Severity == Severity.High),
            active.Count(f => f.Severity == Severity.Medium),
            active.Count(f => f.Severity == Severity.Low),
            active.Count(f => f.Severity == Severity.Info),
            all.Count - active.Count);
    }

    /// <summary>Unwaived findings of <paramref name="severity"/>.</summary>
    public int Of(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => Info,
    };

    public SeverityCounts Add(SeverityCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Critical + other.Critical, High + other.High, Medium + other.Medium, Low + other.Low, Info + other.Info, Waived + other.Waived);
    }
}

/// <summary>The lock-in verdict on one image, as the results file records it.</summary>
public sealed record LockInResult
{
    /// <summary>0 to 100, higher is more locked in.</summary>
    public required double Score { get; init; }

    public required LockInLevel Level { get; init; }

    public required string Vendor { get; init; }

    public required string Distro { get; init; }

    public required ImageFamily Family { get; init; }

    /// <summary>0 to 1: how sure the identification is.</summary>
    public required double Confidence { get; init; }

    public required Libc Libc { get; init; }

    public required PackageDatabaseFormat PackageFormat { get; init; }

    public required string DefaultUser { get; init; }

    public IReadOnlyList<CriterionResult> Criteria { get; init; } = [];

    public required ExitPath ExitPath { get; init; }

    public static LockInResult From(LockInAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new LockInResult
        {
            Score = assessment.Score,
            Level = assessment.Level,
            Vendor = assessment.Vendor,
            Distro = assessment.Distro,
            Family = assessment.Identity.Family,
            Confidence = assessment.Identity.Confidence,
            Libc = assessment.Libc,
            PackageFormat = assessment.PackageFormat,
            DefaultUser = assessment.DefaultUser,
            Criteria = assessment.Criteria,
            ExitPath = assessment.ExitPath,
        };
    }

    /// <summary>The facts the fleet view compares, for the image named <paramref name="reference"/>.</summary>
    public LockInProfile ProfileOf(string reference) => new(reference, Family, Vendor, Distro, Libc, PackageFormat, DefaultUser, Score);
}
