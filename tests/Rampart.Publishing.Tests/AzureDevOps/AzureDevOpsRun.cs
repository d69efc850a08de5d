using System.Collections;
using Rampart.Core.Results;
using Rampart.Publishing.AzureDevOps;

namespace Rampart.Publishing.Tests.AzureDevOps;

/// <summary>A step of an Azure Pipelines pull-request build against the fake: the agent's variables and the publisher's log.</summary>
internal sealed class AzureDevOpsRun : IDisposable
{
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

    public async Task<AzureDevOpsPublishReport> PublishAsync(ScanResults results, string markdown = "## Rampart\n\nGrade C\n")
    {
        using var log = new StringWriter();
        using var handler = new SocketsHttpHandler();
        var publisher = new AzureDevOpsPublisher(log, handler, Time, AzureDevOpsRetryPolicy.Default);
        var report = await publisher.PublishAsync(
            results,
            new AzureDevOpsReport { Markdown = markdown, ResultsPath = "out/results.json", SarifPath = "out/results.sarif", MarkdownPath = "out/report.md" },
            Environment,
            CancellationToken.None);
        Log += log.ToString();
        return report;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
