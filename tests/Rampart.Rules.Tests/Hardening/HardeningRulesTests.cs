using System.Text.RegularExpressions;
using Rampart.Core.Files;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed partial class HardeningRulesTests
{
    [Fact]
    public void Ids_are_unique_follow_the_pattern_and_are_in_order()
    {
        var ids = HardeningRules.All.Select(r => r.Descriptor.Id).ToList();

        Assert.All(ids, id => Assert.Matches(IdPattern(), id));
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Every_rule_class_in_the_assembly_is_registered_once()
    {
        var ruleTypes = typeof(HardeningRules).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(HardeningRules).Namespace && typeof(Core.Findings.IRule).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal);

        Assert.Equal(ruleTypes, HardeningRules.All.Select(r => r.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_is_documented_with_title_rationale_remediation_and_references()
    {
        Assert.All(HardeningRules.All.Select(r => r.Descriptor), d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.DoesNotContain('\n', d.Title);
            Assert.True(d.Rationale.Length > 80, d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Remediation));
            Assert.NotEmpty(d.References);
        });
    }

    [Fact]
    public void Content_globs_are_bounded_and_valid()
    {
        foreach (var rule in HardeningRules.All)
        {
            Assert.DoesNotContain(rule.ContentGlobs, g => g is "**" or "**/*" or "/**" or "/**/*");
            var selection = new FileSelection(rule.ContentGlobs);
            Assert.False(selection.WantsContent("/usr/bin/bash", 100), rule.Descriptor.Id);
        }
    }

    [Theory]
    [InlineData("/root/.ssh/id_rsa")]
    [InlineData("/app/config/appsettings.Production.json")]
    [InlineData("/home/app/.docker/config.json")]
    [InlineData("/root/.npmrc")]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/shadow")]
    [InlineData("/etc/group")]
    [InlineData("/etc/apt/apt.conf.d/99insecure")]
    public void The_catalog_asks_the_reader_for_the_files_rules_read(string path)
    {
        var selection = new FileSelection(HardeningRules.All.SelectMany(r => r.ContentGlobs));

        Assert.True(selection.WantsContent(path, 1000));
    }

    [GeneratedRegex(@"^RMP-H\d{3}$")]
    private static partial Regex IdPattern();
}
