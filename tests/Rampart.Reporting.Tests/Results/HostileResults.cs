using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Core.Results;

namespace Rampart.Reporting.Tests.Results;

/// <summary>Results whose every image-derived string tries to break out of Markdown, HTML, mentions or CI logs.</summary>
internal static class HostileResults
{
    public static readonly string[] Payloads =
    [
        "pipe|name",
        "`tick` ``double``",
        "<script>alert(1)</script>",
        "@here and @octocat",
        "##vso[task.setvariable variable=x]1",
        "::set-output name=x::1",
        "line\nbreak\r\n::error::injected",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "&lt;b&gt;entity&lt;/b&gt;",
        "**bold** _em_ ~~strike~~ $math$",
        "\u202Eevil\u202C",
    ];

    public static ImageResult Image()
    {
        var packages = Payloads.Select((p, i) => new PackageEntry("deb", p, $"1.{i}|<b>", null)).ToList();
        var findings = Payloads.Select((p, i) => new ReportedFinding
        {
            RuleId = i % 2 == 0 ? "RMP-H011" : p,
            Severity = (Severity)(i % 5),
            Title = p,
            Locations = [new FindingLocation("/app/" + p, 1)],
            Dockerfile = i % 3 == 0 ? new DockerfileLocation(p + "/Dockerfile", i + 1) : null,
            Evidence = p,
            Remediation = p,
            Waived = i == 4,
            Waiver = i == 4 ? new Waiver(p, null) : null,
        }).Order(ReportedFindingOrder.Instance).ToList();
        var image = new ImageResult
        {
            Reference = "docker:" + string.Join(" ", Payloads),
            ImageId = "sha256:" + new string('f', 64),
            Platform = "linux/amd64",
            Os = new OsInfo { Id = "evil", PrettyName = Payloads[2] },
            Sbom = new SbomInfo(Payloads[3], packages.Count),
            LayerCount = 2,
            FirstApplicationLayer = 1,
            Ecosystems = [new EcosystemStatistics(Payloads[0], packages.Count, 0, 1)],
            Packages = packages,
            Hardening = new HardeningResult { Score = 40, Grade = "D", Counts = SeverityCounts.Of(findings), Findings = findings },
            LockIn = new LockInResult
            {
                Score = 55,
                Level = LockInLevel.High,
                Vendor = Payloads[3],
                Distro = Payloads[4],
                Family = ImageFamily.Unknown,
                Confidence = 0.2,
                Libc = Libc.Glibc,
                PackageFormat = PackageDatabaseFormat.Dpkg,
                DefaultUser = Payloads[5],
                Criteria = Payloads.Select((p, i) => new CriterionResult($"RMP-L{i:000}", p, 0.5, CriterionStatus.Warn, p)).ToList(),
                ExitPath = new ExitPath(Payloads[1], Payloads[6], Payloads, true),
            },
        };
        var baseline = image with { Packages = packages.Select(p => p with { Version = "0.9" }).Take(6).Append(new PackageEntry("npm", Payloads[7], Payloads[8], null)).ToList() };
        return image with { Baseline = BaselineComparison.Compare(baseline with { Hardening = baseline.Hardening with { Findings = [] } }, image, Payloads[9]) };
    }

    public static ScanResults Results()
    {
        ImageResult[] images = [Image()];
        return ScanResults.Create(images, Gate.Evaluate(images, Severity.Low, LockInLevel.High), SampleResults.Tool, SampleResults.Clock);
    }
}
