namespace Rampart.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "scan", "sbom", "rules", "publish" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ScanHelp_DocumentsSchemesAndGate()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("scan", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("docker-archive:PATH", output, StringComparison.Ordinal);
        Assert.Contains("--fail-on", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheProductVersion()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(CliApplication.Version, output.Trim());
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("scna", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("scna", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_OutsideCi_IsAUsageErrorSayingWhy()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("publish", "--results", "results.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("no supported CI system", error, StringComparison.Ordinal);
    }
}
