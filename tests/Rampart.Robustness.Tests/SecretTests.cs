using System.Diagnostics;
using System.Text.Json.Nodes;
using Rampart.Robustness.Tests.Support;
using Rampart.Testing;

namespace Rampart.Robustness.Tests;

/// <summary>
/// Secrets planted in an image are found and never printed: not on stdout or stderr (logs included), not in the SBOM,
/// results JSON, Markdown, HTML, SARIF, the job summary or step outputs. Tokens in the environment appear nowhere
/// except on <c>::add-mask::</c> lines. The scan runs as a real child process, so every byte it writes is seen.
/// </summary>
public sealed class SecretTests : IDisposable
{
    // Made-up credentials in the formats the rules know; none contains EXAMPLE (which the rules skip as documentation).
    private const string AwsKeyId = "AKIAZ7QK3N5WXYV2RT4P";
    private const string AwsSecret = "q8Zr2Lm4Tx6Vb9Nc1Pd3Fg5Hj7Kl0Qw2Er4Ty6Ui";
    private const string GitHubToken = "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly0123";
    private const string KeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7r4mP2sT9xQ1vZ8kL3nJ6bW0yH5fD";
    private const string Password = "Sup3r-S3cret-Passw0rd-9481";
    private const string HistoryToken = "ghp_H1st0ryT0k3nPl4nt3dInABu1ldStep99";
    private const string EnvGitHubToken = "ghs_EnvT0k3nOfTheRunn3rN3v3rPr1nt3d000";
    private const string LabelToken = "ghp_L4b3lT0k3nPl4nt3dInTh3C0nf1g00042";
    private const string LabelPassword = "L4bel-Passw0rd-Pl4nted-7731";
    private const string AzureAccessToken = "azdo7f3c9b2e8d1a4f6c0b5e9d2a7c4f1b8e3d6a9c2f5b8e1d4a7c0f3b6e9d2a5c8";

    private static readonly string[] PlantedSecrets = [AwsKeyId, AwsSecret, GitHubToken, KeyBody, Password, HistoryToken, LabelToken, LabelPassword];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Scan_PlantedSecrets_AreReportedButTheirValuesAppearInNoOutput()
    {
        var (outputs, texts) = await ScanInChildAsync(new Dictionary<string, string>());

        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outputs, "results.json")))!;
        var ruleIds = results["images"]![0]!["hardening"]!["findings"]!.AsArray().Select(f => (string?)f!["ruleId"]).ToHashSet();
        Assert.True(ruleIds.Count >= 3, "the planted secrets were not found: " + string.Join(", ", ruleIds));
        foreach (var (name, text) in texts)
        {
            foreach (var secret in PlantedSecrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{name} holds the planted secret {secret[..6]}…");
            }
        }
    }

    [Fact]
    public async Task Scan_InGitHubActionsWithTokens_NeverPrintsThemExceptToMask()
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["CI"] = "true",
            ["GITHUB_TOKEN"] = EnvGitHubToken,
            ["INPUT_GITHUB-TOKEN"] = EnvGitHubToken,
            ["SYSTEM_ACCESSTOKEN"] = AzureAccessToken,
            ["GITHUB_REPOSITORY"] = "octo/app",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_SHA"] = new string('a', 40),
            ["GITHUB_REF"] = "refs/heads/main",
            ["GITHUB_RUN_ID"] = "1",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            // Nothing listens there: every API call fails at once, and its error path is exercised too.
            ["GITHUB_API_URL"] = "http://127.0.0.1:9",
            ["GITHUB_STEP_SUMMARY"] = _temp.Combine("summary.md"),
            ["GITHUB_OUTPUT"] = _temp.Combine("github-output.txt"),
        };

        var (_, texts) = await ScanInChildAsync(environment);

        foreach (var (name, text) in texts)
        {
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("::add-mask::", StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.False(line.Contains(EnvGitHubToken, StringComparison.Ordinal), $"{name} prints GITHUB_TOKEN: {line.Replace(EnvGitHubToken, "***", StringComparison.Ordinal)}");
                Assert.False(line.Contains(AzureAccessToken, StringComparison.Ordinal), $"{name} prints SYSTEM_ACCESSTOKEN");
                Assert.False(
                    PlantedSecrets.Any(s => line.Contains(s, StringComparison.Ordinal)),
                    $"{name} prints a planted secret");
            }
        }
    }

    [Fact]
    public async Task Scan_SecretInALabel_IsNotCopiedIntoTheSbom()
    {
        var (_, texts) = await ScanInChildAsync(new Dictionary<string, string>());

        var sbom = Assert.Single(texts, t => t.Name.EndsWith(".cdx.json", StringComparison.Ordinal)).Text;
        Assert.DoesNotContain(LabelToken, sbom, StringComparison.Ordinal);
        Assert.DoesNotContain(LabelPassword, sbom, StringComparison.Ordinal);
    }

    private async Task<(string Outputs, List<(string Name, string Text)> Texts)> ScanInChildAsync(IReadOnlyDictionary<string, string> environment)
    {
        var archive = _temp.Combine("secrets.tar");
        await using (var file = File.Create(archive))
        {
            SecretImage().WriteDockerArchive(file);
        }

        var outputs = _temp.Combine("out");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _temp.Path };
        foreach (var arg in new[] { RampartCli.Assembly, "scan", "docker-archive:" + archive, "--output-dir", outputs, "--fail-on", "none", "--verbose" })
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Clean(start, environment);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the scan did not finish within 60 s");
        }

        var texts = new List<(string Name, string Text)> { ("stdout", await stdout), ("stderr", await stderr) };
        Assert.True(process.ExitCode is 0, $"exit {process.ExitCode}\n{texts[1].Text}");
        texts.AddRange(Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tar", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(_temp.Path, f), File.ReadAllText(f))));
        Assert.Contains(texts, t => t.Name.EndsWith(".cdx.json", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Name.EndsWith("report.html", StringComparison.Ordinal));
        return (outputs, texts);
    }

    private static TestImage SecretImage() => new TestImageBuilder()
        .Layer(l => l
            .File("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
            .File("/lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\n\n")
            .File("/root/.ssh/id_rsa", $"-----BEGIN PRIVATE KEY-----\n{KeyBody}\n{KeyBody}\n-----END PRIVATE KEY-----\n")
            .File("/app/.env", $"DB_PASSWORD={Password}\naws_secret_access_key={AwsSecret}\n")
            .File("/app/config/credentials.json", $"{{\"token\":\"{GitHubToken}\"}}"))
        .Layer(l => l.File("/app/run", "x").History($"RUN echo {HistoryToken} > /dev/null && export PASSWORD={Password}"))
        .Env($"AWS_ACCESS_KEY_ID={AwsKeyId}")
        .Env($"AWS_SECRET_ACCESS_KEY={AwsSecret}")
        .Env($"DB_PASSWORD={Password}")
        .Label("ci.github-token", LabelToken)
        .Label("db.password", LabelPassword)
        .User("app")
        .Build();
}
