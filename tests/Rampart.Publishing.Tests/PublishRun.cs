using System.Text.Json.Nodes;
using Rampart.Core.Results;
using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests;

/// <summary>One step of a GitHub Actions job, as the runner lays it out: event file, output and summary files, variables.</summary>
internal sealed class PublishRun : IDisposable
{
    public const string Repository = "Codertocat/Hello-World";

    private readonly string _directory = Directory.CreateTempSubdirectory("rampart-publish-").FullName;

    public PublishRun(FakeGitHub server, string eventName, JsonObject payload)
    {
        var eventPath = Path.Combine(_directory, "event.json");
        File.WriteAllText(eventPath, payload.ToJsonString());
        Directory.CreateDirectory(Path.Combine(_directory, "out"));
        Variables = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_API_URL"] = server.BaseUrl.ToString().TrimEnd('/'),
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_SHA"] = "0000000000000000000000000000000000000001",
            ["GITHUB_WORKSPACE"] = _directory,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_directory, "summary.md"),
            ["GITHUB_OUTPUT"] = Path.Combine(_directory, "output.txt"),
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
        };
    }

    public Dictionary<string, string?> Variables { get; }

    public FastTimeProvider Time { get; } = new();

    public string Log { get; private set; } = string.Empty;

    public string ResultsPath => Path.Combine(_directory, "out", "results.json");

    public string Summary => File.Exists(Variables["GITHUB_STEP_SUMMARY"]) ? File.ReadAllText(Variables["GITHUB_STEP_SUMMARY"]!) : string.Empty;

    public IReadOnlyDictionary<string, string> Outputs =>
        File.Exists(Variables["GITHUB_OUTPUT"]) ? GitHubOutputFile.Values(File.ReadAllText(Variables["GITHUB_OUTPUT"]!)) : new Dictionary<string, string>();

    public static PublishArtifacts Artifacts(ScanResults results, Func<ImageResult, string>? comment = null) => new()
    {
        Images = results.Images
            .Select(i => new ImageReport(
                i.Reference,
                GitHubPublisher.MarkerKeyFor(i),
                comment?.Invoke(i) ?? $"<!-- rampart:{GitHubPublisher.MarkerKeyFor(i)} -->\n## Rampart: {i.Reference}\n\nGrade {i.Hardening.Grade}\n"))
            .ToList(),
        SummaryMarkdown = "## Rampart summary\n",
        MarkdownPath = "out/report.md",
        SarifPath = "out/results.sarif",
    };

    public async Task<PublishReport> PublishAsync(ScanResults results, PublishArtifacts? artifacts = null)
    {
        using var log = new StringWriter();
        var environment = GitHubEnvironment.FromEnvironment(Variables);
        var publisher = new GitHubPublisher(new GitHubActionsHost(environment, log), Time);
        var report = await publisher.PublishAsync(
            results,
            (artifacts ?? Artifacts(results)) with { ResultsPath = ResultsPath },
            environment,
            CancellationToken.None);
        Log += log.ToString();
        return report;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
