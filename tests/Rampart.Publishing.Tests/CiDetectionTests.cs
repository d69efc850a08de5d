using Rampart.Publishing.Ci;

namespace Rampart.Publishing.Tests;

public sealed class CiDetectionTests
{
    [Theory]
    [InlineData("true", null, CiSystem.GitHubActions)]
    [InlineData(null, "True", CiSystem.AzurePipelines)]
    [InlineData("true", "True", CiSystem.GitHubActions)]
    [InlineData("false", null, CiSystem.None)]
    [InlineData(null, "1", CiSystem.None)]
    [InlineData(null, null, CiSystem.None)]
    public void Detect_ReadsTheVariablesEachSystemSets(string? githubActions, string? tfBuild, CiSystem expected)
    {
        var variables = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = githubActions, ["TF_BUILD"] = tfBuild };

        Assert.Equal(expected, CiDetection.Detect(variables));
    }
}
