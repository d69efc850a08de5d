using System.Collections;
using Rampart.Publishing.AzureDevOps;

namespace Rampart.Publishing.Tests.AzureDevOps;

public sealed class AzureDevOpsEnvironmentTests
{
    [Fact]
    public void Reads_the_predefined_variables_and_the_task_switches()
    {
        var environment = AzureDevOpsEnvironment.FromEnvironment(new Hashtable
        {
            ["TF_BUILD"] = "True",
            ["SYSTEM_COLLECTIONURI"] = "https://server.example/tfs/DefaultCollection",
            ["SYSTEM_TEAMPROJECT"] = "Shop Floor",
            ["SYSTEM_TEAMPROJECTID"] = "0b7e0000-0000-4000-8000-000000000002",
            ["BUILD_REPOSITORY_ID"] = "repo-id",
            ["BUILD_REPOSITORY_PROVIDER"] = "TfsGit",
            ["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "42",
            ["BUILD_BUILDID"] = "812",
            ["SYSTEM_ACCESSTOKEN"] = "token-value",
            ["RAMPARTTASK_STATUS"] = "false",
            ["RAMPARTTASK_OUTPUTS"] = "FALSE",
        });

        Assert.True(environment.IsAzurePipelines);
        Assert.Equal(new Uri("https://server.example/tfs/DefaultCollection/"), environment.CollectionUri);
        Assert.Equal("0b7e0000-0000-4000-8000-000000000002", environment.Project);
        Assert.Equal(42, environment.PullRequestId);
        Assert.Equal(new AzureDevOpsSurfaces(Comment: true, Status: false, LineComments: true, Annotations: true, Outputs: false), environment.Surfaces);
        Assert.Equal(new Uri("https://server.example/tfs/DefaultCollection/0b7e0000-0000-4000-8000-000000000002/_build/results?buildId=812"), environment.BuildUrl);
        Assert.Equal("token-value", environment.Token!.Value);
        Assert.DoesNotContain("token-value", environment.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SYSTEM_PULLREQUEST_PULLREQUESTID", "forty-two", "SYSTEM_PULLREQUEST_PULLREQUESTID: 'forty-two' is not a positive number.")]
    [InlineData("SYSTEM_COLLECTIONURI", "dev.azure.com/contoso", "SYSTEM_COLLECTIONURI: 'dev.azure.com/contoso' is not an http(s) URL.")]
    [InlineData("RAMPARTTASK_COMMENT", "yes", "RAMPARTTASK_COMMENT must be true or false, not 'yes'.")]
    public void A_bad_value_is_an_error_naming_the_variable(string name, string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => AzureDevOpsEnvironment.FromEnvironment(new Hashtable { [name] = value }));

        Assert.Equal(message, error.Message);
    }
}
