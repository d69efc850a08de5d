using System.Collections;
using Rampart.Cli.Configuration;
using Rampart.Core.Findings;
using Rampart.Core.Images;

namespace Rampart.Cli.Tests;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly DirectoryInfo _repository = Directory.CreateTempSubdirectory("rampart-settings-");

    public SettingsLoaderTests()
    {
        _repository.CreateSubdirectory(".git");
    }

    public void Dispose() => _repository.Delete(recursive: true);

    [Fact]
    public void Load_NothingConfigured_UsesDocumentedDefaults()
    {
        var settings = Load();

        Assert.Equal(Severity.High, settings.FailOn);
        Assert.Null(settings.FailOnLockIn);
        Assert.Equal(Severity.Info, settings.MinSeverity);
        Assert.Equal(Platform.LinuxAmd64, settings.Platform);
        Assert.Equal("1.6", settings.Sbom.SpecVersion);
    }

    [Fact]
    public void Load_PolicyFileAtRepositoryRoot_IsFoundFromASubdirectory()
    {
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.yml"), "failOn: critical\nsbom:\n  specVersion: \"1.7\"\n");
        var nested = _repository.CreateSubdirectory("services/api");

        var settings = Load(workingDirectory: nested.FullName);

        Assert.Equal(Severity.Critical, settings.FailOn);
        Assert.Equal("1.7", settings.Sbom.SpecVersion);
    }

    [Fact]
    public void Load_LaterLayersWin_EnvironmentOverFileAndCommandLineOverEnvironment()
    {
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.json"), """{ "failOn": "low", "minSeverity": "low" }""");
        var environment = new Hashtable { ["RAMPART_FAIL_ON"] = "medium", ["RAMPART_MIN_SEVERITY"] = "medium" };

        var settings = Load(environment: environment, commandLine: new() { ["failOn"] = "none" });

        Assert.Null(settings.FailOn);
        Assert.Equal(Severity.Medium, settings.MinSeverity);
    }

    [Fact]
    public void Load_UnknownKeyInPolicyFile_NamesTheKeyAndTheFile()
    {
        var file = Path.Combine(_repository.FullName, ".rampart.yml");
        File.WriteAllText(file, "failOn: high\nfial_on: low\n");

        var error = Assert.Throws<UsageException>(() => Load());

        Assert.Contains("'fial_on'", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownEnvironmentVariable_NamesTheVariable()
    {
        var error = Assert.Throws<UsageException>(() => Load(environment: new Hashtable { ["RAMPART_FAIL_ONN"] = "high" }));

        Assert.Contains("RAMPART_FAIL_ONN", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failOn", "severe", "critical")]
    [InlineData("failOnLockIn", "extreme", "moderate")]
    [InlineData("platform", "amd64", "os/arch")]
    [InlineData("sbom:specVersion", "1.2", "1.6")]
    [InlineData("limits:maxEntries", "-5", "positive")]
    public void Load_BadValue_NamesTheKeyAndWhatIsExpected(string key, string value, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Load(commandLine: new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedYaml_SaysWhichFileCannotBeRead()
    {
        var file = Path.Combine(_repository.FullName, "policy.yml");
        File.WriteAllText(file, "failOn: [high\n");

        var error = Assert.Throws<UsageException>(() => Load(configFile: file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PolicyFile_BindsRulesAllowListsWaiversAndWeights()
    {
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.yml"), """
            rules:
              disabled: [RMP-H023]
              severity:
                RMP-H005: low
            allowList:
              setuid: [/opt/tool/bin/helper]
            waivers:
              - rule: RMP-H002
                path: /opt/tool/**
                reason: vendor tool
                expires: 2027-01-31
            lockIn:
              weights:
                RMP-L001: 2.5
            """);

        var policy = Load().Policy;

        Assert.Equal(["RMP-H023"], policy.DisabledRules);
        Assert.Equal(Severity.Low, policy.SeverityOverrides["RMP-H005"]);
        Assert.Equal(["/opt/tool/bin/helper"], policy.SetuidAllowList);
        Assert.Equal(new WaiverSettings("RMP-H002", "/opt/tool/**", null, "vendor tool", new DateOnly(2027, 1, 31)), Assert.Single(policy.Waivers));
        Assert.Equal(2.5, policy.LockInWeights["RMP-L001"]);
    }

    [Theory]
    [InlineData("waivers:\n  - rule: RMP-H002\n", "needs a 'rule' and a 'reason'")]
    [InlineData("waivers:\n  - rule: RMP-H002\n    reason: x\n    expires: next year\n", "YYYY-MM-DD")]
    [InlineData("waivers:\n  - rule: RMP-H002\n    reason: x\n    until: 2027-01-01\n", "'waivers:0:until'")]
    [InlineData("lockIn:\n  weights:\n    RMP-L001: heavy\n", "weight")]
    public void Load_BadPolicyEntry_NamesWhatIsWrong(string yaml, string expected)
    {
        File.WriteAllText(Path.Combine(_repository.FullName, ".rampart.yml"), yaml);

        var error = Assert.Throws<UsageException>(() => Load());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingConfigFile_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Load(configFile: Path.Combine(_repository.FullName, "absent.yml")));

        Assert.Contains("absent.yml", error.Message, StringComparison.Ordinal);
    }

    private RampartSettings Load(
        string? configFile = null,
        string? workingDirectory = null,
        Hashtable? environment = null,
        Dictionary<string, string?>? commandLine = null) =>
        SettingsLoader.Load(configFile, workingDirectory ?? _repository.FullName, environment ?? [], commandLine ?? []);
}
