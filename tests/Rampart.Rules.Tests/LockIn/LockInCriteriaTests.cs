using System.Text.RegularExpressions;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn;

namespace Rampart.Rules.Tests.LockIn;

public sealed partial class LockInCriteriaTests
{
    [Fact]
    public void All_RegistersEveryCriterionClassOnce()
    {
        var classes = typeof(LockInCriteria).Assembly.GetTypes()
            .Where(t => typeof(ILockInCriterion).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

        Assert.Equal(classes, LockInCriteria.All.Select(c => c.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal));
    }

    [Fact]
    public void All_HaveUniqueStableIdsInOrder()
    {
        var ids = LockInCriteria.All.Select(c => c.Descriptor.Id).ToList();

        Assert.All(ids, id => Assert.Matches(CriterionId(), id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_AreDocumentedAndWeighted()
    {
        Assert.All(LockInCriteria.All, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Descriptor.Title));
            Assert.True(c.Descriptor.Rationale.Length > 80, c.Descriptor.Id);
            Assert.NotEmpty(c.Descriptor.References);
            Assert.InRange(c.Weight, 0.1, 1);
        });
    }

    [Fact]
    public void ContentGlobs_CoverRepositoryConfigurationAndSignaturePolicies()
    {
        Assert.Contains("/etc/apt/sources.list.d/*", LockInCriteria.ContentGlobs);
        Assert.Contains("/etc/apk/repositories", LockInCriteria.ContentGlobs);
        Assert.Contains("/etc/yum.repos.d/*.repo", LockInCriteria.ContentGlobs);
        Assert.Contains("/etc/containers/registries.d/*.yaml", LockInCriteria.ContentGlobs);
    }

    [GeneratedRegex(@"^RMP-L\d{3}$")]
    private static partial Regex CriterionId();
}
