using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Core.Results;

namespace Rampart.Publishing.Tests;

/// <summary>Scan results built in code, with findings on Dockerfile lines.</summary>
internal static class TestScans
{
    public static ReportedFinding Finding(string ruleId, Severity severity, int? line, string dockerfile = "Dockerfile", bool waived = false) => new()
    {
        RuleId = ruleId,
        Severity = severity,
        Title = $"{ruleId} title",
        Remediation = $"Fix {ruleId}",
        Locations = [new FindingLocation($"/etc/{ruleId}", 1)],
        Dockerfile = line is { } l ? new DockerfileLocation(dockerfile, l) : null,
        Waived = waived,
        Waiver = waived ? new Waiver("accepted", new DateOnly(2030, 1, 1)) : null,
    };

    public static ImageResult Image(string reference, IReadOnlyList<ReportedFinding> findings, int score = 72, string grade = "C", LockInResult? lockIn = null) => new()
    {
        Reference = reference,
        ImageId = "sha256:" + new string('a', 64),
        Platform = "linux/amd64",
        LayerCount = 3,
        Sbom = new SbomInfo($"out/{reference.Replace(':', '_').Replace('/', '_')}.cdx.json", 42),
        Hardening = new HardeningResult
        {
            Score = score,
            Grade = grade,
            Counts = SeverityCounts.Of(findings),
            Findings = findings,
        },
        LockIn = lockIn,
    };

    public static LockInResult LockIn(double score, LockInLevel level) => new()
    {
        Score = score,
        Level = level,
        Vendor = "Example",
        Distro = "exampleos",
        Family = ImageFamily.Unknown,
        Confidence = 0.9,
        Libc = default,
        PackageFormat = default,
        DefaultUser = "root",
        ExitPath = new ExitPath("debian:12", "same package format", [], false),
    };

    public static ScanResults Results(params ImageResult[] images) => new()
    {
        SchemaVersion = ScanResults.CurrentSchemaVersion,
        Tool = new ToolInfo("rampart", "0.1.0+test"),
        GeneratedAt = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Images = images,
        Gate = Gate.Evaluate(images, Severity.High, null),
    };

    /// <summary>Findings on lines 1..<paramref name="count"/>, cycling through the severities.</summary>
    public static IReadOnlyList<ReportedFinding> Many(int count) =>
        Enumerable.Range(1, count)
            .Select(i => Finding($"HRD-{i:000}", (Severity)(i % 5), i))
            .Order(ReportedFindingOrder.Instance)
            .ToList();
}
