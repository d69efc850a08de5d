using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Core.Results;
using Rampart.Reporting.Tests.CycloneDx;

namespace Rampart.Reporting.Tests.Results;

/// <summary>Results written in code: findings, lock-in and gates shaped like what the rules produce for real images.</summary>
internal static class SampleResults
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 12, 345, TimeSpan.Zero);

    public static readonly ToolInfo Tool = new("rampart", "1.2.3-test");

    public static TimeProvider Clock => new FixedTimeProvider(Now);

    /// <summary>The Debian sample scan with root, a waived secret, setuid sudo, no healthcheck and a shell; low lock-in.</summary>
    public static ImageResult Debian() => ImageResult.From(
        SampleScans.Debian(),
        DebianFindings(),
        Assessment("registry:registry.example.com/team/app:1.4", ImageFamily.Debian, "Debian", "debian 12", 12.5, Libc.Glibc, PackageDatabaseFormat.Dpkg, "app"),
        new SbomInfo("out/registry.example.com_team_app_1.4.cdx.json", 7),
        new BaseImageBoundary(1, 1, BaseImageBoundarySource.Dockerfile));

    /// <summary>The Alpine sample scan with one medium finding; moderate lock-in.</summary>
    public static ImageResult Alpine() => ImageResult.From(
        SampleScans.Alpine(),
        [
            new Finding
            {
                RuleId = "RMP-H005",
                Severity = Severity.Low,
                Title = "No HEALTHCHECK in the image config",
                References = ["CIS-DI-0006"],
                Locations = [new FindingLocation("config.Healthcheck", null)],
                Remediation = "Add a HEALTHCHECK.",
            },
            new Finding
            {
                RuleId = "RMP-H001",
                Severity = Severity.High,
                Title = "Runs as root (USER is empty)",
                References = ["CIS-DI-0001", "CIS-4.1"],
                Locations = [new FindingLocation("config.User", null)],
                Origin = FindingOrigin.Base,
                Evidence = "config.User is empty (base image)",
                Remediation = "End the final stage with a numeric USER.",
            },
        ],
        Assessment("docker:alpine:3.20", ImageFamily.Alpine, "Alpine", "alpine 3.20.3", 45, Libc.Musl, PackageDatabaseFormat.Apk, "root"),
        null);

    /// <summary>The distroless-like sample without distribution, lock-in or findings.</summary>
    public static ImageResult NoOs() => ImageResult.From(SampleScans.NoOs(), [], null, null);

    /// <summary>
    /// The Debian sample compared with an earlier build that had an older libssl3, curl, no requests, a package cache
    /// instead of setuid sudo, and more lock-in.
    /// </summary>
    public static ImageResult WithBaseline()
    {
        var current = Debian();
        return current with { Baseline = BaselineComparison.Compare(EarlierDebian(), current, "baseline/results.json") };
    }

    public static ImageResult EarlierDebian()
    {
        var scan = SampleScans.Debian();
        var packages = scan.Packages
            .Where(p => p.Type != "pypi")
            .Select(p => p.Name == "libssl3" ? p with { Version = "3.0.9-1", Purl = null } : p)
            .Append(new Package { Name = "curl", Version = "7.88.1-10", Type = "deb", FoundBy = "dpkg" })
            .ToList();
        var findings = DebianFindings()
            .Where(f => f.RuleId != "RMP-H002")
            .Append(new Finding
            {
                RuleId = "RMP-H016",
                Severity = Severity.Low,
                Title = "apt lists left in the image",
                Locations = [new FindingLocation("/var/lib/apt/lists", 1)],
                Origin = FindingOrigin.Application,
            })
            .ToList();
        return ImageResult.From(
            scan with { Packages = packages },
            findings,
            Assessment("registry:registry.example.com/team/app:1.3", ImageFamily.Debian, "Debian", "debian 12", 20, Libc.Glibc, PackageDatabaseFormat.Dpkg, "root"),
            null) with { Reference = "registry:registry.example.com/team/app:1.3" };
    }

    public static ScanResults Results(params ImageResult[] images) =>
        ScanResults.Create(images, Gate.Evaluate(images, Severity.High, LockInLevel.High), Tool, Clock);

    public static IReadOnlyList<Finding> DebianFindings() =>
    [
        new Finding
        {
            RuleId = "RMP-H023",
            Severity = Severity.Info,
            Title = "Shell present: /bin/sh",
            References = ["NIST-800-190-4.1.2"],
            Locations = [new FindingLocation("/bin/sh", 0)],
            Origin = FindingOrigin.Base,
            Evidence = "/bin/sh is a shell (base image)",
            Remediation = "Use a distroless or shell-less final stage.",
        },
        new Finding
        {
            RuleId = "RMP-H002",
            Severity = Severity.Medium,
            Title = "setuid file /usr/bin/sudo",
            References = ["CIS-DI-0008", "CIS-4.8"],
            Locations = [new FindingLocation("/usr/bin/sudo", 1)],
            Dockerfile = new DockerfileLocation("build/Dockerfile", 7),
            Origin = FindingOrigin.Application,
            Evidence = "-rwsr-xr-x root:root /usr/bin/sudo (application layers)",
            Remediation = "Remove the setuid bit or the program.",
        },
        new Finding
        {
            RuleId = "RMP-H004",
            Severity = Severity.High,
            Title = "Secret in ENV API_TOKEN",
            References = ["CIS-DI-0010", "DS031"],
            Locations = [new FindingLocation("config.Env", null)],
            Dockerfile = new DockerfileLocation("build/Dockerfile", 9),
            Origin = FindingOrigin.Application,
            Evidence = "API_TOKEN=ghp_****",
            Remediation = "Pass secrets at run time.",
            Waiver = new Waiver("Test token, revoked", new DateOnly(2025, 12, 31)),
        },
        new Finding
        {
            RuleId = "RMP-H001",
            Severity = Severity.High,
            Title = "Runs as root (USER root)",
            References = ["CIS-DI-0001", "CIS-4.1", "DS002", "DL3002"],
            Locations = [new FindingLocation("config.User", null)],
            Dockerfile = new DockerfileLocation("build/Dockerfile", 12),
            Origin = FindingOrigin.Application,
            Evidence = "USER root (application layers)",
            Remediation = "End the final stage with a numeric USER, e.g. USER 10001:10001.",
        },
    ];

    public static LockInAssessment Assessment(
        string reference,
        ImageFamily family,
        string vendor,
        string distro,
        double score,
        Libc libc,
        PackageDatabaseFormat format,
        string user) => new(
        reference,
        score,
        LockInAssessment.LevelOf(score),
        new ImageIdentity(family, vendor, distro, 0.6, [new IdentitySignal(family, SignalKind.OsRelease, $"/etc/os-release ID={family.ToString().ToLowerInvariant()}", 0.6)]),
        libc,
        format,
        user,
        [
            new CriterionResult("RMP-L001", "Mainstream distribution", 0, CriterionStatus.Pass, $"{distro} is a mainstream distribution."),
            new CriterionResult("RMP-L003", "Public package repositories", score / 100, score >= 30 ? CriterionStatus.Warn : CriterionStatus.Pass, "Repositories: deb.debian.org"),
            new CriterionResult("RMP-L009", "Rebuildability", 0.8, CriterionStatus.Fail, "The base is not pinned by digest."),
        ],
        new ExitPath(distro.StartsWith("alpine", StringComparison.Ordinal) ? "alpine" : "debian:12", "Same package format and libc.", [], true));
}
