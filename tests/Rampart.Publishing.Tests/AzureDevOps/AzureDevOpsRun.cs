using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Rampart.Core.Results;
using Rampart.Publishing.AzureDevOps;
using Rampart.Testing;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>A step of an Azure Pipelines pull-request build against the fake: the agent's variables and the publisher's log.</summary>
internal sealed class AzureDevOpsRun : IDisposable
{
    /// <summary>The merge commit a pull-request build checks out (BUILD_SOURCEVERSION), which is never reported on.</summary>
    public const string MergeCommit = "9d6c1e0a2b3c4d5e6f708192a3b4c5d6e7f80912";

    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-ado-").FullName;

    public AzureDevOpsRun(FakeAzureDevOps server)
    {
        Directory.CreateDirectory(Path.Combine(_directory, "s"));
        Directory.CreateDirectory(Path.Combine(_directory, "_temp"));
        Variables = new Dictionary<string, string?>
        {
            ["TF_BUILD"] = "True",
            ["SYSTEM_COLLECTIONURI"] = server.CollectionUri.ToString(),
            ["SYSTEM_TEAMPROJECT"] = FakeAzureDevOps.Project,
            ["BUILD_REPOSITORY_ID"] = FakeAzureDevOps.RepositoryId,
            ["BUILD_REPOSITORY_PROVIDER"] = "TfsGit",
            ["BUILD_REASON"] = "PullRequest",
            ["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "42",
            ["SYSTEM_PULLREQUEST_SOURCECOMMITID"] = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
            ["BUILD_BUILDID"] = "812",
            ["SYSTEM_DEFINITIONID"] = "7",
            ["BUILD_SOURCESDIRECTORY"] = Sources,
            ["AGENT_TEMPDIRECTORY"] = Path.Combine(_directory, "_temp"),
            ["SYSTEM_ACCESSTOKEN"] = FakeAzureDevOps.Token,
        };
    }

    public Dictionary<string, string?> Variables { get; }

    public string Sources => Path.Combine(_directory, "s");

    public FastTimeProvider Time { get; } = new();

    public string Log { get; private set; } = string.Empty;

    public AzureDevOpsEnvironment Environment => AzureDevOpsEnvironment.FromEnvironment(new Hashtable(Variables));

    /// <summary>
    /// Makes this the build of a pull request of a GitHub Enterprise Server repository that <paramref name="github"/>
    /// serves, as a real <c>pull_request</c> webhook payload describes it, with the token of a GitHub service connection
    /// of <paramref name="scheme"/> (none: a token mapped to GITHUB_TOKEN).
    /// </summary>
    public void BuildGitHubPullRequest(FakeGitHub github, JsonObject payload, string? scheme)
    {
        var pullRequest = payload["pull_request"]!;
        var repository = (string)pullRequest["base"]!["repo"]!["full_name"]!;
        Variables["BUILD_REPOSITORY_PROVIDER"] = "GitHubEnterprise";
        Variables["BUILD_REPOSITORY_NAME"] = repository;
        Variables["BUILD_REPOSITORY_ID"] = repository;
        Variables["BUILD_REPOSITORY_URI"] = new Uri(github.BaseUrl, "/" + repository).ToString();
        Variables["SYSTEM_PULLREQUEST_PULLREQUESTID"] = "1817500042";
        Variables["SYSTEM_PULLREQUEST_PULLREQUESTNUMBER"] = ((int)pullRequest["number"]!).ToString(CultureInfo.InvariantCulture);
        Variables["SYSTEM_PULLREQUEST_SOURCECOMMITID"] = (string)pullRequest["head"]!["sha"]!;
        Variables["BUILD_SOURCEVERSION"] = MergeCommit;
        Variables.Remove("SYSTEM_ACCESSTOKEN");
        if (scheme is null)
        {
            Variables["GITHUB_TOKEN"] = FakeGitHub.Token;
        }
        else
        {
            Variables["RAMPARTTASK_GITHUB_TOKEN"] = FakeGitHub.Token;
            Variables["RAMPARTTASK_GITHUB_TOKEN_SCHEME"] = scheme;
        }
    }

    public async Task<AzureDevOpsPublishReport> PublishAsync(ScanResults results, string markdown = "## Rampart\n\nGrade C\n")
    {
        using var log = new StringWriter();
        using var handler = new SocketsHttpHandler();
        var publisher = new AzureDevOpsPublisher(log, handler, Time, AzureDevOpsRetryPolicy.Default);
        var report = await publisher.PublishAsync(
            results,
            new AzureDevOpsReport
            {
                Markdown = markdown,
                ResultsPath = "out/results.json",
                SarifPath = "out/results.sarif",
                MarkdownPath = "out/report.md",
                GitHubComments = Environment.IsGitHubRepository ? PublishRun.Artifacts(results).Images : null,
            },
            Environment,
            CancellationToken.None);
        Log += log.ToString();
        return report;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
