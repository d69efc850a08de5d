using System.Collections;
using Rampart.Testing;

namespace Rampart.Cli.Tests;

/// <summary>
/// The scan as the action runs it on a fork's pull request: the token cannot write, so everything must land in the job
/// summary, the step outputs and the log, and no request may leave the machine.
/// </summary>
public sealed class GitHubActionsScanTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scan_OnAForkPullRequest_WritesSummaryOutputsAndLogAnnotations()
    {
        var eventPath = _temp.Combine("event.json");
        await File.WriteAllTextAsync(eventPath, """
            {
              "action": "opened",
              "number": 7,
              "pull_request": {
                "number": 7,
                "head": { "sha": "0123456789abcdef0123456789abcdef01234567", "repo": { "full_name": "contributor/app" } },
                "base": { "sha": "89abcdef0123456789abcdef0123456789abcdef", "repo": { "full_name": "acme/app" } }
              }
            }
            """);
        var summary = _temp.Combine("summary.md");
        var outputs = _temp.Combine("outputs.txt");
        var environment = new Hashtable
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_REPOSITORY"] = "acme/app",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["GITHUB_OUTPUT"] = outputs,
            ["GITHUB_WORKSPACE"] = _temp.Path,
            ["GITHUB_API_URL"] = "http://127.0.0.1:9/",
            ["GITHUB_TOKEN"] = "ghs_readonlytokenvalue",
        };
        var sample = Path.Combine(CliRunner.RepositoryRoot, "tests", "samples", "debian-rootfs");

        var (exitCode, output, error) = await CliRunner.RunInAsync(environment, "scan", "dir:" + sample, "--output-dir", _temp.Combine("out"));

        Assert.True(exitCode == 1, error);
        Assert.Contains("Rampart", await File.ReadAllTextAsync(summary), StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(outputs);
        Assert.Contains("gate", written, StringComparison.Ordinal);
        Assert.Contains("failed", written, StringComparison.Ordinal);
        Assert.Contains("::error", output, StringComparison.Ordinal);
        var unmasked = (output + error).Split('\n').Where(line => !line.StartsWith("::add-mask::", StringComparison.Ordinal));
        Assert.DoesNotContain(unmasked, line => line.Contains("ghs_readonlytokenvalue", StringComparison.Ordinal));
    }
}
