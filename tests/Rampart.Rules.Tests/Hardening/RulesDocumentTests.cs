using Rampart.Core.Findings;
using Rampart.Core.LockIn;
using Rampart.Rules.Hardening;
using Rampart.Rules.LockIn;
using Rampart.Testing;

namespace Rampart.Rules.Tests.Hardening;

public sealed class RulesDocumentTests
{
    private static string Generated() =>
        RulesDocument.Render(HardeningRules.All.Select(r => r.Descriptor), LockInCriteria.All.Select(c => c.Descriptor));

    /// <summary>
    /// The committed RULES.md must equal the generated text. With UPDATE_GOLDEN=1 (never in CI) the test rewrites it.
    /// </summary>
    [Fact]
    public void The_committed_RULES_md_is_up_to_date()
    {
        var path = Path.Combine(Repository.Root, "src", "Rampart.Rules", "RULES.md");
        var generated = Generated();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1" && Environment.GetEnvironmentVariable("CI") != "true")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the Rules tests with UPDATE_GOLDEN=1 to write it.");
        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Every_rule_and_criterion_has_a_section()
    {
        var document = Generated();

        Assert.All(HardeningRules.All, r => Assert.Contains($"### {r.Descriptor.Id}: {r.Descriptor.Title}\n", document, StringComparison.Ordinal));
        Assert.All(LockInCriteria.All, c => Assert.Contains($"### {c.Descriptor.Id}: {c.Descriptor.Title}\n", document, StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_table_links_to_each_section()
    {
        RuleDescriptor rule = new("RMP-H999", "ADD used where COPY would do (sometimes)", Severity.Low, "Why.", "Fix.", ["DS005"]);

        var document = RulesDocument.Render([rule], []);

        Assert.Contains("| [RMP-H999](#rmp-h999-add-used-where-copy-would-do-sometimes) | ADD used where COPY would do (sometimes) | low | DS005 |", document, StringComparison.Ordinal);
        Assert.Contains("No lock-in criteria are registered.", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_in_criteria_are_rendered_with_their_references()
    {
        var document = RulesDocument.Render([], [new CriterionDescriptor("RMP-L999", "Test criterion", "Because.", ["lockin-signals.md §1"])]);

        Assert.Contains("### RMP-L999: Test criterion\n\nBecause.\n\nReferences: lockin-signals.md §1.\n", document, StringComparison.Ordinal);
    }
}
