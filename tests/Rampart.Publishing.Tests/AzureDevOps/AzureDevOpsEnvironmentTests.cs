using System.Collections;
using Rampart.Publishing.AzureDevOps;
using Rampart.Publishing.GitHub;

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

    [Fact]
    public void Reads_a_GitHub_repositorys_pull_request_and_the_token_of_the_tasks_GitHub_connection()
    {
        var environment = AzureDevOpsEnvironment.FromEnvironment(new Hashtable
        {
            ["TF_BUILD"] = "True",
            ["BUILD_REPOSITORY_PROVIDER"] = "GitHub",
            ["BUILD_REPOSITORY_NAME"] = "acme/shop",
            ["BUILD_REPOSITORY_URI"] = "https://github.com/acme/shop",
            ["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "1817500042",
            ["SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"] = "17",
            ["SYSTEM_PULLREQUEST_ISFORK"] = "False",
            ["BUILD_SOURCEVERSION"] = "merge-commit",
            ["RAMPARTTASK_GITHUB_TOKEN"] = "gho_connectiontoken",
            ["RAMPARTTASK_GITHUB_TOKEN_SCHEME"] = "OAuth",
            ["GITHUB_TOKEN"] = "ghp_mappedtoken",
        });

        Assert.True(environment.IsGitHubRepository);
        Assert.Equal(17, environment.PullRequestNumber);
        Assert.False(environment.IsFork);
        Assert.Equal("merge-commit", environment.SourceVersion);
        Assert.Equal(new Uri("https://api.github.com/"), environment.GitHubApiUrl);
        Assert.Equal(("gho_connectiontoken", GitHubTokenKind.User), (environment.GitHubToken!.Value, environment.GitHubToken.Kind));
        Assert.Equal("the task's GitHub service connection", environment.GitHubTokenSource);
        Assert.DoesNotContain("gho_connectiontoken", environment.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InstallationToken", GitHubTokenKind.App)]
    [InlineData("PersonalAccessToken", GitHubTokenKind.User)]
    [InlineData("Token", GitHubTokenKind.User)]
    [InlineData(null, GitHubTokenKind.Unknown)]
    public void The_connections_scheme_tells_an_apps_token_from_a_users(string? scheme, GitHubTokenKind kind)
    {
        var environment = AzureDevOpsEnvironment.FromEnvironment(new Hashtable { ["RAMPARTTASK_GITHUB_TOKEN"] = "t", ["RAMPARTTASK_GITHUB_TOKEN_SCHEME"] = scheme });

        Assert.Equal(kind, environment.GitHubToken!.Kind);
    }

    [Fact]
    public void A_token_mapped_to_GITHUB_TOKEN_in_a_script_step_is_of_unknown_kind()
    {
        var environment = AzureDevOpsEnvironment.FromEnvironment(new Hashtable { ["GITHUB_TOKEN"] = "ghp_mapped", ["RAMPARTTASK_GITHUB_TOKEN_SCHEME"] = "OAuth" });

        Assert.Equal(("ghp_mapped", GitHubTokenKind.Unknown, "GITHUB_TOKEN"), (environment.GitHubToken!.Value, environment.GitHubToken.Kind, environment.GitHubTokenSource));
    }

    [Theory]
    [InlineData("GitHub", "https://github.com/acme/shop", "https://api.github.com/")]
    [InlineData("GitHub", null, "https://api.github.com/")]
    [InlineData("github", "https://octo.ghe.com/acme/shop", "https://api.octo.ghe.com/")]
    [InlineData("GitHubEnterprise", "https://git.acme.example/acme/shop.git", "https://git.acme.example/api/v3/")]
    [InlineData("GitHubEnterprise", "http://git.acme.example:8080/acme/shop", "http://git.acme.example:8080/api/v3/")]
    [InlineData("GitHubEnterprise", null, null)]
    public void The_GitHub_API_is_found_from_the_repositorys_host(string provider, string? uri, string? api)
    {
        var environment = AzureDevOpsEnvironment.FromEnvironment(new Hashtable { ["BUILD_REPOSITORY_PROVIDER"] = provider, ["BUILD_REPOSITORY_URI"] = uri });

        Assert.True(environment.IsGitHubRepository);
        Assert.Equal(api, environment.GitHubApiUrl?.ToString());
    }

    [Theory]
    [InlineData("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "#17", "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER: '#17' is not a positive number.")]
    [InlineData("BUILD_REPOSITORY_URI", "git@github.com:acme/shop.git", "BUILD_REPOSITORY_URI: 'git@github.com:acme/shop.git' is not an http(s) URL.")]
    [InlineData("RAMPARTTASK_GITHUB_TOKEN_SCHEME", "Basic", "RAMPARTTASK_GITHUB_TOKEN_SCHEME: 'Basic' is not a GitHub connection's scheme (InstallationToken, OAuth, PersonalAccessToken, Token).")]
    [InlineData("SYSTEM_PULLREQUEST_PULLREQUESTID", "forty-two", "SYSTEM_PULLREQUEST_PULLREQUESTID: 'forty-two' is not a positive number.")]
    [InlineData("SYSTEM_COLLECTIONURI", "dev.azure.com/contoso", "SYSTEM_COLLECTIONURI: 'dev.azure.com/contoso' is not an http(s) URL.")]
    [InlineData("RAMPARTTASK_COMMENT", "yes", "RAMPARTTASK_COMMENT must be true or false, not 'yes'.")]
    public void A_bad_value_is_an_error_naming_the_variable(string name, string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => AzureDevOpsEnvironment.FromEnvironment(new Hashtable { [name] = value }));

        Assert.Equal(message, error.Message);
    }
}
