using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Rampart.Publishing.GitHub;
using YamlDotNet.RepresentationModel;

namespace Rampart.Publishing.Tests;

/// <summary>
/// The repository's action.yml against what the code does: outputs the publisher writes, inputs it reads, arguments the
/// entrypoint script turns into the rampart command line (run through /bin/sh as the runner would start it).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class ActionMetadataTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly YamlMappingNode Action = Load();
    private static readonly HashSet<string> ReadFromEnvironment = ["github-token", "comment", "annotations", "summary"];

    private static IEnumerable<string> Keys(string section) =>
        ((YamlMappingNode)Action[section]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    private static List<string> Args() =>
        ((YamlSequenceNode)((YamlMappingNode)Action["runs"])["args"]).Children.Select(a => ((YamlScalarNode)a).Value!).ToList();

    [Fact]
    public void Outputs_AreExactlyWhatThePublisherWrites()
    {
        var results = TestScans.Results(TestScans.Image("docker:a:1", []));

        Assert.Equal(
            ActionOutputs.From(results, PublishRun.Artifacts(results)).Select(o => o.Key).Order(),
            Keys("outputs").Order());
    }

    [Fact]
    public void Args_PassEveryOtherInput_AsOneArgument()
    {
        var args = Args();

        Assert.Equal("scan", args[0]);
        foreach (var input in Keys("inputs").Where(i => !ReadFromEnvironment.Contains(i)))
        {
            var option = input == "build-args" ? "build-arg" : input;
            Assert.Contains($"--{option}=${{{{ inputs.{input} }}}}", args);
        }

        Assert.Equal(Keys("inputs").Count() - ReadFromEnvironment.Count + 1, args.Count);
        Assert.DoesNotContain(args, a => a.Contains("token", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void InputsThePublisherReadsFromTheEnvironment_AreDeclared_WithTheWorkflowTokenAsDefault()
    {
        Assert.Superset(ReadFromEnvironment, Keys("inputs").ToHashSet());
        var token = (YamlMappingNode)((YamlMappingNode)Action["inputs"])["github-token"];
        Assert.Equal("${{ github.token }}", ((YamlScalarNode)token["default"]).Value);
    }

    [Fact]
    public void Image_IsPinnedByDigest_OnTheLineTheReleaseWorkflowRewrites()
    {
        var image = ((YamlScalarNode)((YamlMappingNode)Action["runs"])["image"]).Value!;

        Assert.Matches(PinnedImage(), image);
        Assert.Single(File.ReadAllLines(Path.Combine(Root, "action.yml")), l => l.TrimStart().StartsWith("image: docker://", StringComparison.Ordinal) && l.EndsWith("# release-managed", StringComparison.Ordinal));
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

    /// <summary>Substitutes <c>${{ inputs.NAME }}</c> in the args (defaults, then <paramref name="inputs"/>) and runs the script with a stand-in rampart that prints its arguments.</summary>
    private static async Task<List<string>> RunEntrypointAsync(Dictionary<string, string> inputs)
    {
        var values = ((YamlMappingNode)Action["inputs"]).Children.ToDictionary(
            p => ((YamlScalarNode)p.Key).Value!,
            p => ((YamlMappingNode)p.Value).Children.TryGetValue(new YamlScalarNode("default"), out var d) ? ((YamlScalarNode)d).Value ?? string.Empty : string.Empty);
        foreach (var (name, value) in inputs)
        {
            values[name] = value;
        }

        var directory = Directory.CreateTempSubdirectory("rampart-entrypoint-").FullName;
        try
        {
            var standIn = Path.Combine(directory, "rampart");
            await File.WriteAllTextAsync(standIn, "#!/bin/sh\nfor a do printf '%s\\0' \"$a\"; done\n");
            File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(Root, "src", "Rampart.Cli", "action-entrypoint.sh"));
            foreach (var arg in Args())
            {
                start.ArgumentList.Add(InputReference().Replace(arg, m => values[m.Groups[1].Value]));
            }

            start.Environment["ACTION_RAMPART_BIN"] = standIn;
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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "action.yml")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No repository root with action.yml above {AppContext.BaseDirectory}.");
    }

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "action.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^docker://ghcr\.io/[a-z0-9._/-]+/rampart@sha256:[0-9a-f]{64}$", RegexOptions.IgnoreCase)]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"\$\{\{ inputs\.([a-z-]+) \}\}")]
    private static partial Regex InputReference();
}
