using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Rampart.Publishing.GitHub;
using Rampart.Testing;

namespace Rampart.Publishing.Tests;

/// <summary>
/// The repository's action.yml against what the code does: outputs the publisher writes, inputs it reads, arguments the
/// entrypoint script turns into the rampart command line, and the variables it passes on.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class ActionMetadataTests
{
    private static readonly ActionManifest Action = ActionManifest.Repository;
    private static readonly HashSet<string> ReadFromEnvironment = ["github-token", "comment", "annotations", "summary"];

    [Fact]
    public void Outputs_AreExactlyWhatThePublisherWrites()
    {
        var results = TestScans.Results(TestScans.Image("docker:a:1", []));

        Assert.Equal(
            ActionOutputs.From(results, PublishRun.Artifacts(results), workspace: null).Select(o => o.Key).Order(),
            Action.Outputs.Order());
    }

    [Fact]
    public void Args_PassEveryOtherInput_AsOneArgument()
    {
        var args = Action.Args;

        Assert.Equal("scan", args[0]);
        foreach (var input in Action.Inputs.Keys.Where(i => !ReadFromEnvironment.Contains(i)))
        {
            var option = input == "build-args" ? "build-arg" : input;
            Assert.Contains($"--{option}=${{{{ inputs.{input} }}}}", args);
        }

        Assert.Equal(Action.Inputs.Keys.Count() - ReadFromEnvironment.Count + 1, args.Count);
        Assert.DoesNotContain(args, a => a.Contains("token", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void InputsThePublisherReadsFromTheEnvironment_AreDeclared_WithTheWorkflowTokenAsDefault()
    {
        Assert.Superset(ReadFromEnvironment, Action.Inputs.Keys.ToHashSet());
        Assert.Equal("${{ github.token }}", Action.Inputs["github-token"]);
    }

    [Fact]
    public void Image_IsPinnedByDigest_OnTheLineTheReleaseWorkflowRewrites()
    {
        Assert.Matches(PinnedImage(), Action.Image);
        Assert.Single(File.ReadAllLines(Path.Combine(TestRepository.Root, "action.yml")), l => l.TrimStart().StartsWith("image: docker://", StringComparison.Ordinal) && l.EndsWith("# release-managed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entrypoint_BuildsTheScanCommandLine_FromTheInputsAsTheRunnerPassesThem()
    {
        var argv = await RunEntrypointAsync(new Dictionary<string, string>
        {
            ["image"] = "docker:example/app:1.0\r\n  registry:ghcr.io/example/api:2  \n\n",
            ["build-args"] = "VERSION=1.2\nURL=https://x.example/a?b=c",
            ["platform"] = "linux/arm64",
            ["fail-on"] = "medium",
        });

        Assert.Equal(
            [
                "scan", "docker:example/app:1.0", "registry:ghcr.io/example/api:2",
                "--build-arg", "VERSION=1.2", "--build-arg", "URL=https://x.example/a?b=c",
                "--platform", "linux/arm64", "--fail-on", "medium", "--output-dir", "rampart-results",
            ],
            argv);
    }

    [Fact]
    public async Task Entrypoint_WithResults_PublishesThemInstead()
    {
        var argv = await RunEntrypointAsync(new Dictionary<string, string> { ["results"] = "rampart-results/results.json", ["image"] = "docker:a:1" });

        Assert.Equal(["publish", "--results", "rampart-results/results.json"], argv);
    }

    [Fact]
    public async Task Entrypoint_PassesTheInputVariables_TheTokensHyphenatedNameIncluded_OnToRampart()
    {
        // The stand-in prints the environment it was started with, which is what rampart would read.
        var environment = await RunEntrypointAsync(
            new Dictionary<string, string> { ["image"] = "docker:a:1", ["github-token"] = "ghs_token", ["comment"] = "false" },
            "cat /proc/$$/environ");

        Assert.Contains("INPUT_GITHUB-TOKEN=ghs_token", environment);
        Assert.Contains("INPUT_COMMENT=false", environment);
    }

    /// <summary>
    /// Starts the script as the runner's <c>docker run --entrypoint</c> does (by its own interpreter line), with the
    /// arguments and <c>INPUT_*</c> variables the runner makes of <paramref name="with"/>, and a stand-in rampart
    /// (<paramref name="standIn"/>, bash; by default it prints its arguments). Returns what the stand-in printed, split
    /// on NUL.
    /// </summary>
    private static async Task<List<string>> RunEntrypointAsync(Dictionary<string, string> with, string standIn = "for a do printf '%s\\0' \"$a\"; done")
    {
        var inputs = new Dictionary<string, string>(with);
        inputs.TryAdd("github-token", "unused");
        var directory = Directory.CreateTempSubdirectory("rampart-entrypoint-").FullName;
        try
        {
            var standInPath = Path.Combine(directory, "rampart");
            await File.WriteAllTextAsync(standInPath, $"#!/bin/bash\n{standIn}\n");
            File.SetUnixFileMode(standInPath, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var start = new ProcessStartInfo(Path.Combine(TestRepository.Root, "src", "Rampart.Cli", "action-entrypoint.sh"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in Action.ArgsFor(inputs))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in Action.InputVariables(inputs))
            {
                start.Environment[name] = value;
            }

            start.Environment["ACTION_RAMPART_BIN"] = standInPath;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"^docker://ghcr\.io/[a-z0-9._/-]+/rampart@sha256:[0-9a-f]{64}$", RegexOptions.IgnoreCase)]
    private static partial Regex PinnedImage();
}
