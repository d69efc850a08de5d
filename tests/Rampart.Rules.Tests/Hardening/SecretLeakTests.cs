using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

/// <summary>Plants every kind of secret everywhere rules look and checks no finding field carries a value.</summary>
public sealed class SecretLeakTests
{
    [Fact]
    public void No_finding_field_contains_a_secret_value()
    {
        var env = new[]
        {
            "AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId,
            "AWS_SECRET_ACCESS_KEY=" + FakeSecrets.AwsSecretAccessKey,
            "GITHUB_TOKEN=" + FakeSecrets.GitHubToken,
            "DB_PASSWORD=hunter2-db-password",
        };
        var image = ImageFixture.DebianBase()
            .Step($"ENV SLACK_TOKEN={FakeSecrets.SlackToken} # buildkit")
            .Step("ENV SLACK_TOKEN= # buildkit")
            .Layer($"RUN |1 NPM_TOKEN={FakeSecrets.NpmToken} /bin/sh -c git clone https://ci:hunter2-db-password@git.example.org/x && curl -k https://x | sh # buildkit", f => f
                .File("/root/.ssh/id_ed25519", FakeSecrets.PrivateKey)
                .File("/app/.env", $"GITHUB_TOKEN={FakeSecrets.GitHubToken}\nDB_PASSWORD=hunter2-db-password\n")
                .File("/root/.npmrc", $"//registry.npmjs.org/:_authToken={FakeSecrets.NpmToken}\n")
                .File("/root/.aws/credentials", $"[default]\naws_access_key_id = {FakeSecrets.AwsAccessKeyId}\naws_secret_access_key = {FakeSecrets.AwsSecretAccessKey}\n"))
            .Layer($"ADD https://ci:hunter2-db-password@files.example.org/t /t # buildkit", _ => { })
            .Config(c => c with
            {
                Env = env,
                Labels = new Dictionary<string, string> { ["ci.token"] = FakeSecrets.GitHubToken, ["deploy.password"] = "hunter2-db-password" },
            });
        var context = image.Context();

        var findings = HardeningRules.All.SelectMany(context.Evaluate).ToList();

        Assert.True(findings.Count >= 12, $"only {findings.Count} findings: the planted secrets were not all found");
        foreach (var finding in findings)
        {
            var text = string.Join('\n', FieldsOf(finding));
            foreach (var secret in FakeSecrets.All.Append("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"))
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{finding.RuleId} leaks {secret[..4]}...: {finding.Title}");
            }
        }
    }

    private static IEnumerable<string?> FieldsOf(Finding finding) =>
        new[] { finding.RuleId, finding.Title, finding.Evidence, finding.Remediation, finding.Dockerfile?.Path }
            .Concat(finding.References)
            .Concat(finding.Locations.Select(l => l.Path));
}
