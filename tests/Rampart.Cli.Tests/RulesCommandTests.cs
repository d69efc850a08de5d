using Rampart.Rules.Hardening;
using Rampart.Rules.LockIn;

namespace Rampart.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public async Task Rules_ListsEveryRuleAndCriterionById()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("rules");

        Assert.Equal(0, exitCode);
        Assert.All(HardeningRules.All, r => Assert.Contains(r.Descriptor.Id, output, StringComparison.Ordinal));
        Assert.All(LockInCriteria.All, c => Assert.Contains(c.Descriptor.Id, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rules_MarkdownFormat_IsTheCommittedRulesDocument()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("rules", "--format", "markdown");

        Assert.Equal(0, exitCode);
        var committed = await File.ReadAllTextAsync(Path.Combine(CliRunner.RepositoryRoot, "src", "Rampart.Rules", "RULES.md"));
        Assert.Equal(committed, output);
    }

    [Fact]
    public async Task Rules_UnknownFormat_IsAUsageError()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("rules", "--format", "pdf");

        Assert.Equal(2, exitCode);
        Assert.Contains("pdf", error, StringComparison.Ordinal);
    }
}
