using System.Text.Json.Nodes;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Action;

/// <summary>
/// The action's image, built from the repository's Dockerfile, run as the GitHub Actions runner runs it on a pull
/// request (<see cref="ActionStep"/>): it builds the workspace's Dockerfile through the mounted engine socket, scans the
/// image, and publishes to a fake of GitHub's REST API that checks every request against GitHub's OpenAPI description.
/// </summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class ActionContainerTests : IClassFixture<ActionImage>
{
    /// <summary>The app fixture's one medium finding: a setuid file, made by the Dockerfile's first RUN.</summary>
    private const string SetuidRule = "RMP-H002";
    private static readonly string[] PathOutputs = ["sbom", "results", "sarif", "markdown"];
    private readonly EngineFixture _engine;
    private readonly ActionImage _action;

    public ActionContainerTests(EngineFixture engine, ActionImage action)
    {
        _engine = engine;
        _action = action;
    }

    [SkippableFact]
    public async Task PullRequest_FailingThenPassingGate_ExitCodesFollowTheGate_OneCommentUpdated_CheckRunsWithAnnotations_OutputsAndSummaryWritten()
    {
        var image = await _action.BuildAsync(_engine);
        using var github = new FakeGitHub();
        var payload = WebhookPayloads.PullRequestOpened();

        // The app fixture's Dockerfile: the engine built it already, so the build is all cache hits. Its image has a
        // medium finding (a setuid file), which fails the gate at medium.
        await using var failing = Step(image, github, payload);
        var first = await failing.RunAsync(new Dictionary<string, string> { ["dockerfile"] = "Dockerfile", ["fail-on"] = "medium", ["github-token"] = FakeGitHub.Token });

        Assert.True(first.ExitCode == 1, Log(first));
        var outputs = AssertOutputs(failing);
        Assert.Equal("failed", outputs["gate"]);
        Assert.NotEmpty(outputs["gate-reasons"]);
        Assert.Empty(github.Violations);
        Assert.All(github.Requests, r => Assert.EndsWith(FakeGitHub.Token, r.Authorization, StringComparison.Ordinal));
        var (commentId, _, firstBody) = Assert.Single(github.Comments);
        Assert.Contains("<!-- rampart:", firstBody, StringComparison.Ordinal);
        var (_, create, updates) = Assert.Single(github.CheckRuns);
        Assert.Equal((string)payload["pull_request"]!["head"]!["sha"]!, (string)create["head_sha"]!);
        Assert.Equal("failure", (string)create["conclusion"]!);
        AssertAnnotationsOnDockerfileLines(failing, [create, .. updates]);
        AssertSummaryIsMarkdown(failing);
        AssertTokenNeverShown(failing, first);

        // The same step again with the default gate (high): exit 0, the same comment edited, a second check run.
        await using var passing = Step(image, github, payload);
        var second = await passing.RunAsync(new Dictionary<string, string> { ["dockerfile"] = "Dockerfile", ["github-token"] = FakeGitHub.Token });

        Assert.True(second.ExitCode == 0, Log(second));
        Assert.Equal("passed", AssertOutputs(passing)["gate"]);
        Assert.Empty(github.Violations);
        var (sameId, _, secondBody) = Assert.Single(github.Comments);
        Assert.Equal(commentId, sameId);
        Assert.NotEqual(firstBody, secondBody);
        Assert.Contains(github.Requests, r => r.Is("PATCH", "/issues/comments/{comment_id}"));
        Assert.Equal("success", (string)github.CheckRuns[^1].Create["conclusion"]!);
        AssertTokenNeverShown(passing, second);
    }

    private ActionStep Step(string image, FakeGitHub github, JsonObject payload)
    {
        var step = new ActionStep(_engine, image, github, payload);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestEnvironment.FixturesDirectory, "app")))
        {
            File.Copy(file, Path.Combine(step.Workspace, Path.GetFileName(file)));
        }

        return step;
    }

    /// <summary>
    /// Every output action.yml declares, each once, each with its own random delimiter; the paths resolve from the
    /// workspace, as the job's next steps (on the runner, not in the container) resolve them.
    /// </summary>
    private static Dictionary<string, string> AssertOutputs(ActionStep step)
    {
        var outputs = GitHubOutputFile.Parse(File.ReadAllText(step.OutputFile));
        Assert.Equal(ActionManifest.Repository.Outputs.Order(), outputs.Select(o => o.Name).Order());
        Assert.All(outputs, o => Assert.Matches("^ghadelimiter_[0-9a-f]{32}$", o.Delimiter));
        Assert.Equal(outputs.Count, outputs.Select(o => o.Delimiter).Distinct().Count());
        var values = outputs.ToDictionary(o => o.Name, o => o.Value);
        foreach (var path in PathOutputs.SelectMany(name => values[name].Split('\n')))
        {
            Assert.False(Path.IsPathRooted(path), $"{path} is a path in the container, which later steps of the job do not have");
            Assert.True(File.Exists(Path.Combine(step.Workspace, path)), $"{path} is not in the workspace");
        }

        return values;
    }

    /// <summary>Annotations on lines of the workspace's Dockerfile; the setuid finding on the step that made the file.</summary>
    private static void AssertAnnotationsOnDockerfileLines(ActionStep step, IReadOnlyList<JsonNode> checkRunRequests)
    {
        var dockerfile = File.ReadAllLines(Path.Combine(step.Workspace, "Dockerfile"));
        var annotations = checkRunRequests.SelectMany(r => r["output"]?["annotations"]?.AsArray() ?? []).ToList();
        Assert.All(annotations, a =>
        {
            Assert.Equal("Dockerfile", (string)a!["path"]!);
            var line = (int)a["start_line"]!;
            Assert.InRange(line, 1, dockerfile.Length);
            Assert.False(dockerfile[line - 1].TrimStart().StartsWith('#') || dockerfile[line - 1].Trim().Length == 0, $"line {line} holds no instruction");
        });
        var setuid = Assert.Single(annotations, a => ((string)a!["title"]!).StartsWith(SetuidRule, StringComparison.Ordinal));
        Assert.Contains("install -m 4755", Instruction(dockerfile, (int)setuid!["start_line"]!), StringComparison.Ordinal);
    }

    /// <summary>The instruction starting on <paramref name="line"/>, with its continuation lines.</summary>
    private static string Instruction(string[] dockerfile, int line)
    {
        var end = line - 1;
        while (end < dockerfile.Length - 1 && dockerfile[end].TrimEnd().EndsWith('\\'))
        {
            end++;
        }

        return string.Join('\n', dockerfile[(line - 1)..(end + 1)]);
    }

    /// <summary>The job summary is Markdown GitHub renders: a Rampart heading, and the setuid finding in a table.</summary>
    private static void AssertSummaryIsMarkdown(ActionStep step)
    {
        var document = Markdown.Parse(File.ReadAllText(step.SummaryFile), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.Contains(document.Descendants<HeadingBlock>(), h => Text(h).Contains("Rampart", StringComparison.Ordinal));
        Assert.Contains(document.Descendants<Table>().SelectMany(t => t.Descendants<TableCell>()), c => Text(c) == SetuidRule);
    }

    private static string Text(Block block) => block switch
    {
        LeafBlock leaf => string.Concat(leaf.Inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []),
        ContainerBlock container => string.Concat(container.Descendants<LeafBlock>().Select(Text)),
        _ => string.Empty,
    };

    /// <summary>
    /// The token shows nowhere: not in the container's output but for the <c>::add-mask::</c> command, which the runner
    /// consumes and never prints (ActionCommandManager, AddMaskCommandExtension.OmitEcho), and in no file the step wrote.
    /// </summary>
    private static void AssertTokenNeverShown(ActionStep step, CommandResult run)
    {
        var lines = (run.Output + "\n" + run.Error).Split('\n').Where(l => l.Contains(FakeGitHub.Token, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal("::add-mask::" + FakeGitHub.Token, l.TrimEnd('\r')));
        foreach (var file in Directory.EnumerateFiles(step.Workspace, "*", SearchOption.AllDirectories).Append(step.OutputFile).Append(step.SummaryFile))
        {
            Assert.DoesNotContain(FakeGitHub.Token, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private static string Log(CommandResult run) => $"exit {run.ExitCode}\n--- stdout\n{run.Output}\n--- stderr\n{run.Error}";
}
