using Rampart.Core.Findings;
using Rampart.Core.Results;

namespace Rampart.Reporting.Tests.Results;

public sealed class GateTests
{
    [Fact]
    public void Evaluate_FindingAtThreshold_FailsNamingImageRuleAndSeverity()
    {
        var gate = Gate.Evaluate([SampleResults.Debian()], Severity.High, null);

        Assert.True(gate.Failed);
        var reason = Assert.Single(gate.Reasons);
        Assert.Equal("registry:registry.example.com/team/app:1.4", reason.Image);
        Assert.Equal("RMP-H001", reason.RuleId);
        Assert.Equal(Severity.High, reason.Severity);
        Assert.Contains("RMP-H001 is high", reason.Message, StringComparison.Ordinal);
        Assert.Contains("registry:registry.example.com/team/app:1.4", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WaivedFindingAboveThreshold_NeverFails()
    {
        var image = SampleResults.Debian();
        var onlyWaived = image with { Hardening = image.Hardening with { Findings = [.. image.Hardening.Findings.Where(f => f.Waived)] } };

        var gate = Gate.Evaluate([onlyWaived], Severity.Info, null);

        Assert.False(gate.Failed);
        Assert.Empty(gate.Reasons);
    }

    [Fact]
    public void Evaluate_LowerThreshold_GivesOneReasonPerRuleWorstFirst()
    {
        var gate = Gate.Evaluate([SampleResults.Debian()], Severity.Info, null);

        Assert.Equal(["RMP-H001", "RMP-H002", "RMP-H023"], gate.Reasons.Select(r => r.RuleId));
        Assert.Equal([Severity.High, Severity.Medium, Severity.Info], gate.Reasons.Select(r => r.Severity!.Value));
    }

    [Fact]
    public void Evaluate_NoThresholds_Passes()
    {
        var gate = Gate.Evaluate([SampleResults.Debian(), SampleResults.Alpine()], null, null);

        Assert.False(gate.Failed);
        Assert.Null(gate.FailOn);
        Assert.Null(gate.FailOnLockIn);
    }

    [Fact]
    public void Evaluate_LockInAtLevel_FailsNamingTheLevel()
    {
        var gate = Gate.Evaluate([SampleResults.Debian(), SampleResults.Alpine()], null, LockInLevel.Moderate);

        var reason = Assert.Single(gate.Reasons);
        Assert.Equal("docker:alpine:3.20", reason.Image);
        Assert.Equal(LockInLevel.Moderate, reason.LockInLevel);
        Assert.Null(reason.RuleId);
        Assert.Equal("docker:alpine:3.20: lock-in is moderate (score 45), at or above --fail-on-lockin moderate", reason.Message);
    }

    [Fact]
    public void Evaluate_ImageWithoutLockIn_NeverFailsOnLockIn()
    {
        var gate = Gate.Evaluate([SampleResults.NoOs()], null, LockInLevel.Low);

        Assert.False(gate.Failed);
    }

    [Fact]
    public void FailedFor_NamesOnlyImagesWithReasons()
    {
        var gate = Gate.Evaluate([SampleResults.Debian(), SampleResults.NoOs()], Severity.High, null);

        Assert.True(gate.FailedFor("registry:registry.example.com/team/app:1.4"));
        Assert.False(gate.FailedFor("oci-dir:build/app"));
    }
}
