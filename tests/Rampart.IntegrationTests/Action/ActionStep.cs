using System.Text.Json.Nodes;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Action;

/// <summary>
/// One step of a pull request's job that uses the action, laid out and started the way the GitHub Actions runner runs a
/// Docker container action (actions/runner: ContainerActionHandler, DockerCommandManager.DockerRun, FileCommandManager):
/// the runner's temp folder with the event payload and the file-command files, a workspace, the engine's socket; every
/// variable passed as <c>-e NAME</c> from the CLI's environment, so no value shows on the command line; the entrypoint
/// and arguments of action.yml with the step's inputs evaluated, and the inputs again as <c>INPUT_*</c> variables. The
/// one difference: the job's network is the host's (the test engine has no bridge), which is also where the fake API is.
/// </summary>
internal sealed class ActionStep : IAsyncDisposable
{
    public const string Repository = "Codertocat/Hello-World";

    private readonly TempDirectory _root = new();
    private readonly EngineFixture _engine;
    private readonly string _image;
    private readonly FakeGitHub _github;
    private readonly string _id = Guid.NewGuid().ToString("N");

    public ActionStep(EngineFixture engine, string image, FakeGitHub github, JsonObject pullRequestEvent)
    {
        _engine = engine;
        _image = image;
        _github = github;
        Event = pullRequestEvent;
        foreach (var folder in new[] { Home, Workflow, FileCommands, Workspace })
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(Path.Combine(Workflow, "event.json"), Event.ToJsonString());
        // The runner creates the file-command files before the step, empty.
        File.WriteAllText(OutputFile, string.Empty);
        File.WriteAllText(SummaryFile, string.Empty);
    }

    public JsonObject Event { get; }

    /// <summary>The repository checkout, mounted at /github/workspace.</summary>
    public string Workspace => _root.Combine("work", "Hello-World", "Hello-World");

    /// <summary><c>GITHUB_OUTPUT</c>, as the runner's host sees it.</summary>
    public string OutputFile => Path.Combine(FileCommands, $"set_output_{_id}");

    /// <summary><c>GITHUB_STEP_SUMMARY</c>, as the runner's host sees it.</summary>
    public string SummaryFile => Path.Combine(FileCommands, $"step_summary_{_id}");

    private string Temp => _root.Combine("work", "_temp");

    private string Home => Path.Combine(Temp, "_github_home");

    private string Workflow => Path.Combine(Temp, "_github_workflow");

    private string FileCommands => Path.Combine(Temp, "_runner_file_commands");

    /// <summary>Runs the action with <paramref name="with"/> (the step's <c>with:</c>) and returns how the container ended.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string> with)
    {
        var action = ActionManifest.Repository;
        var pullRequest = Event["pull_request"]!;
        var variables = new Dictionary<string, string>(action.InputVariables(with))
        {
            ["HOME"] = "/github/home",
            ["GITHUB_JOB"] = "scan",
            ["GITHUB_REF"] = $"refs/pull/{Event["number"]}/merge",
            ["GITHUB_SHA"] = "6dcb09b5b57875f334f61aebed695e2e4193db5e",
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_REPOSITORY_OWNER"] = Repository.Split('/')[0],
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_RUN_NUMBER"] = "7",
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_ACTOR"] = (string)Event["sender"]!["login"]!,
            ["GITHUB_WORKFLOW"] = "Rampart",
            ["GITHUB_HEAD_REF"] = (string)pullRequest["head"]!["ref"]!,
            ["GITHUB_BASE_REF"] = (string)pullRequest["base"]!["ref"]!,
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_API_URL"] = _github.BaseUrl.ToString().TrimEnd('/'),
            ["GITHUB_GRAPHQL_URL"] = new Uri(_github.BaseUrl, "../graphql").ToString(),
            ["GITHUB_WORKSPACE"] = "/github/workspace",
            ["GITHUB_ACTION"] = "__run",
            ["GITHUB_EVENT_PATH"] = "/github/workflow/event.json",
            ["GITHUB_PATH"] = $"/github/file_commands/add_path_{_id}",
            ["GITHUB_ENV"] = $"/github/file_commands/set_env_{_id}",
            ["GITHUB_STEP_SUMMARY"] = $"/github/file_commands/step_summary_{_id}",
            ["GITHUB_STATE"] = $"/github/file_commands/save_state_{_id}",
            ["GITHUB_OUTPUT"] = $"/github/file_commands/set_output_{_id}",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["RUNNER_NAME"] = "GitHub Actions 1",
            ["RUNNER_ENVIRONMENT"] = "github-hosted",
            ["RUNNER_TOOL_CACHE"] = "/opt/hostedtoolcache",
            ["RUNNER_TEMP"] = "/github/runner_temp",
            ["RUNNER_WORKSPACE"] = "/home/runner/work/Hello-World",
        };

        List<string> arguments = ["run", "--name", $"rampart-test-action-{_id}", "--label", "rampart-test", "--workdir", "/github/workspace", "--rm"];
        foreach (var name in variables.Keys)
        {
            arguments.AddRange(["-e", name]);
        }

        arguments.AddRange(["-e", "GITHUB_ACTIONS=true", "-e", "CI=true", "--entrypoint", action.Entrypoint, "--network", "host"]);
        foreach (var (source, target) in new[]
        {
            (EngineSocket, "/var/run/docker.sock"),
            (Temp, "/github/runner_temp"),
            (Home, "/github/home"),
            (Workflow, "/github/workflow"),
            (FileCommands, "/github/file_commands"),
            (Workspace, "/github/workspace"),
        })
        {
            arguments.AddRange(["-v", $"{source}:{target}"]);
        }

        arguments.Add(_image);
        arguments.AddRange(action.ArgsFor(with));
        return Commands.RunForExitCodeAsync(
            TestEnvironment.DockerCli,
            arguments,
            new Dictionary<string, string>(_engine.DockerEnvironment.Concat(variables)),
            TimeSpan.FromMinutes(5));
    }

    /// <summary>
    /// Deletes the step's folders. The container ran as root, as the runner runs it; when the tests do not, what it
    /// wrote is given back to their user first (by a container), so that it can be deleted.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var user = (await Commands.RunAsync("id", ["-u"])).Trim();
        if (user != "0")
        {
            var group = (await Commands.RunAsync("id", ["-g"])).Trim();
            await _engine.DockerAsync("run", "--rm", "--network", "none", "--entrypoint", "chown", "-v", $"{_root.Path}:/step", _image, "-R", $"{user}:{group}", "/step");
        }

        _root.Dispose();
    }

    /// <summary>The engine's socket on this machine, which the runner mounts into the container.</summary>
    private string EngineSocket => _engine.Endpoint.Scheme == "unix"
        ? _engine.Endpoint.AbsolutePath
        : throw new InvalidOperationException($"The action mounts the engine's socket, but the engine is at {_engine.Endpoint}, not a unix socket.");
}
