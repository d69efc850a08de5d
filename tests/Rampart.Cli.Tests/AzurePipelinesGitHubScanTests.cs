using System.Collections;
using Rampart.Testing;

namespace Rampart.Cli.Tests;

/// <summary>
/// The scan as the Azure DevOps task runs it for a pull request of a GitHub Enterprise Server repository: the agent's
/// variables and the task's GitHub connection route publishing to GitHub (the only place that token is used, and
/// masked), not Azure Repos. The server is a closed port, so the calls fail without holding the scan up; what they
/// send is tested against GitHub's description in Rampart.Publishing.Tests.
/// </summary>
public sealed class AzurePipelinesGitHubScanTests : IDisposable
{
    private const string Token = "gho_connectiontokenvalue";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Hashtable Agent(string scheme) => new()
    {
        ["TF_BUILD"] = "True",
        ["BUILD_REPOSITORY_PROVIDER"] = "GitHubEnterprise",
        ["BUILD_REPOSITORY_NAME"] = "acme/app",
        ["BUILD_REPOSITORY_URI"] = "http://127.0.0.1:9/acme/app",
        ["BUILD_SOURCESDIRECTORY"] = _temp.Path,
        ["BUILD_SOURCEVERSION"] = "89abcdef0123456789abcdef0123456789abcdef",
        ["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "1817500007",
        ["SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"] = "7",
        ["SYSTEM_PULLREQUEST_SOURCECOMMITID"] = "0123456789abcdef0123456789abcdef01234567",
        ["RAMPARTTASK_GITHUB_TOKEN"] = Token,
        ["RAMPARTTASK_GITHUB_TOKEN_SCHEME"] = scheme,
        ["RAMPARTTASK_OUTPUTS"] = "false",
    };

    private static string Sample => "dir:" + Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");

    [Fact]
    public async Task Scan_OfAGitHubPullRequest_GoesToGitHubWithTheConnectionsTokenMasked_AndStillLogsIssues()
    {
        var (exitCode, output, error) = await CliRunner.RunInAsync(Agent("InstallationToken"), "scan", Sample, "--output-dir", _temp.Combine("out"));

        Assert.True(exitCode == 1, error);
        Assert.Contains("##vso[task.logissue type=error]RMP-H001 (high)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("##vso[task.setvariable", output, StringComparison.Ordinal);
        Assert.Equal(1, output.Split('\n').Count(line => line.TrimEnd() == $"##vso[task.setsecret]{Token}"));
        var unmasked = (output + error).Split('\n').Where(line => !line.StartsWith("##vso[task.setsecret]", StringComparison.Ordinal));
        Assert.DoesNotContain(unmasked, line => line.Contains(Token, StringComparison.Ordinal));
    }
}
