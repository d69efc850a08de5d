using Rampart.Cli.Configuration;
using Rampart.Cli.Scanning;
using Rampart.Core.Findings;
using Rampart.Core.Packages;

namespace Rampart.Cli.Tests;

public sealed class FindingPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void Apply_SeverityOverride_ReratesTheRulesFindings()
    {
        var policy = Policy(new PolicySettings { SeverityOverrides = new SortedDictionary<string, Severity> { ["RMP-H005"] = Severity.Low } });

        var (findings, _) = policy.Apply([Finding("RMP-H005", "/"), Finding("RMP-H001", "/")], []);

        Assert.Equal([Severity.Low, Severity.High], findings.Select(f => f.Severity));
    }

    [Fact]
    public void Apply_WaiverOnMatchingPathGlob_WaivesOnlyThatPath()
    {
        var policy = Policy(new PolicySettings { Waivers = [new WaiverSettings("RMP-H002", "/opt/tool/**", null, "vendor tool needs it", new DateOnly(2027, 1, 31))] });

        var (findings, notes) = policy.Apply([Finding("RMP-H002", "/opt/tool/bin/helper"), Finding("RMP-H002", "/usr/bin/other")], []);

        Assert.Equal("vendor tool needs it", findings[0].Waiver?.Reason);
        Assert.Null(findings[1].Waiver);
        Assert.Empty(notes);
    }

    [Fact]
    public void Apply_ExpiredWaiver_StopsWaivingAndSaysSo()
    {
        var policy = Policy(new PolicySettings { Waivers = [new WaiverSettings("RMP-H002", "/opt/tool/**", null, "temporary", new DateOnly(2026, 11, 26))] });

        var (findings, notes) = policy.Apply([Finding("RMP-H002", "/opt/tool/bin/helper")], []);

        Assert.Null(findings.Single().Waiver);
        Assert.Equal("The waiver for RMP-H002 on /opt/tool/** expired on 2026-11-26; its findings count again.", Assert.Single(notes));
    }

    [Fact]
    public void Apply_WaiverForPackage_CoversFilesThePackageOwns()
    {
        var package = new Package { Name = "iputils-ping", Version = "3:20221126-1", Type = "deb", FoundBy = "dpkg-db", Files = ["/bin/ping"] };
        var policy = Policy(new PolicySettings { Waivers = [new WaiverSettings("RMP-H002", null, "iputils-ping", "ping needs raw sockets", null)] });

        var (findings, _) = policy.Apply([Finding("RMP-H002", "/bin/ping"), Finding("RMP-H002", "/bin/su")], [package]);

        Assert.NotNull(findings[0].Waiver);
        Assert.Null(findings[1].Waiver);
    }

    [Fact]
    public void HardeningPolicy_ExtraSetuidPaths_AddToTheBuiltInAllowList()
    {
        var policy = Policy(new PolicySettings { SetuidAllowList = ["/opt/tool/bin/helper"] });

        Assert.Contains("/opt/tool/bin/helper", policy.HardeningPolicy.SetuidAllowList);
        Assert.Contains("/usr/bin/passwd", policy.HardeningPolicy.SetuidAllowList);
    }

    private static FindingPolicy Policy(PolicySettings settings) => new(settings, Today);

    private static Finding Finding(string ruleId, string path) => new()
    {
        RuleId = ruleId,
        Severity = Severity.High,
        Title = "test finding",
        Locations = [new FindingLocation(path, 0)],
    };
}
