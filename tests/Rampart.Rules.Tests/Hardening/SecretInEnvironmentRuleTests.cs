using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SecretInEnvironmentRuleTests
{
    private static readonly SecretInEnvironmentRule Rule = new();

    private static IReadOnlyList<Finding> WithEnv(params string[] env) =>
        ImageFixture.DebianBase().Config(c => c with { Env = env }).Evaluate(Rule);

    [Fact]
    public void A_known_credential_is_reported_at_its_severity_and_redacted()
    {
        var finding = Assert.Single(WithEnv("PATH=/usr/bin", "AWS_ACCESS_KEY_ID=" + FakeSecrets.AwsAccessKeyId));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("AWS_ACCESS_KEY_ID=AKIA****; set by no recorded build step", finding.Evidence);
        Assert.DoesNotContain(FakeSecrets.AwsAccessKeyId, finding.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_SECRET_ACCESS_KEY", "wJ7rXu", "tnFEMI/K7MDENG/bPxRfiCY9q2Vz8LmT4s", "AWS secret access key", Severity.Critical)]
    [InlineData("MAPS", "AIza", "SyD4f6h8j0k2m4n6p8r0t2v4x6z8B0D2F4H", "Google API key", Severity.High)]
    [InlineData("STORAGE", "DefaultEndpointsProtocol=https;AccountName=app;AccountKey=", "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYm==;", "Azure storage account key", Severity.Critical)]
    [InlineData("BLOB", "https://app.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig=", "Q2xpZW50U2lnbmF0dXJlVmFsdWVGb3JUZXN0aW5nT25seQ%3D%3D", "Azure shared access signature", Severity.High)]
    [InlineData("ENTRA", "Xy78Q~", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7", "Microsoft Entra client secret", Severity.Critical)]
    [InlineData("GH", "github_pat_", "11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "GitHub token", Severity.Critical)]
    [InlineData("GL", "glpat-", "x9Y8w7V6u5T4s3R2q1P0", "GitLab token", Severity.Critical)]
    [InlineData("HOOK", "https://hooks.slack.com/services/", "T01234567/B01234567/abcdefghijklmnopqrstuvwx", "Slack incoming webhook", Severity.Medium)]
    [InlineData("PYPI", "pypi-AgEIcHlwaS5vcmc", "CJDYwMmM0ZDU1LWQ2NjEtNGU3Yi04ZmE5LTJkYjBiNmM3ZTE2NQACKlsz", "PyPI upload token", Severity.High)]
    [InlineData("HUB", "dckr_pat_", "Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7", "Docker Hub access token", Severity.High)]
    [InlineData("STRIPE", "sk_live_", "51Hq2nXkA9b8C7d6E5f4G3h2", "Stripe secret key", Severity.Critical)]
    [InlineData("DATABASE_URL", "postgres://app:", "s3cr3t-pa55@db.internal:5432/app", "password in a URL", Severity.High)]
    public void Each_credential_format_is_recognised_at_its_severity(string name, string prefix, string rest, string description, Severity severity)
    {
        var finding = Assert.Single(WithEnv($"{name}={prefix}{rest}"));

        Assert.Equal(severity, finding.Severity);
        Assert.StartsWith(description, finding.Title, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(rest[4..], finding.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("NPM_TOKEN")]
    [InlineData("api-key")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("REDIS_PASS")]
    public void A_secret_name_with_a_value_is_reported_as_medium(string name)
    {
        var finding = Assert.Single(WithEnv($"{name}=hunter2-db-password"));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal($"{name}=hunt****", finding.Evidence?.Split(';')[0]);
    }

    [Theory]
    [InlineData("KEYCLOAK_VERSION=24.0.1")]
    [InlineData("GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5")]
    [InlineData("PASSWORD_FILE=/run/secrets/db")]
    [InlineData("TOKEN_URL=https://login.example.org/token")]
    [InlineData("AUTH_ENABLED=true")]
    [InlineData("KEY_SIZE=4096")]
    [InlineData("DB_PASSWORD=")]
    [InlineData("DB_PASSWORD=${DB_PASSWORD}")]
    [InlineData("SSL_KEY=/etc/passwd")]
    [InlineData("TOKENIZER=bert")]
    public void Names_and_values_that_hold_no_secret_pass(string assignment)
    {
        Assert.Empty(WithEnv(assignment));
    }

    [Fact]
    public void The_finding_is_put_on_the_ENV_line_that_sets_the_variable()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nENV A=1 \\\n    DB_PASSWORD=\"hunter2-db-password\"\nENV B=2\n");
        var image = ImageFixture.DebianBase()
            .Step("ENV A=1 DB_PASSWORD=hunter2-db-password # buildkit")
            .Step("ENV B=2 # buildkit")
            .Config(c => c with { Env = ["A=1", "DB_PASSWORD=hunter2-db-password", "B=2"] });

        var finding = Assert.Single(image.Evaluate(Rule, dockerfile));

        Assert.Equal(2, finding.Dockerfile?.Line);
        Assert.Contains("history[2] in the application layers", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_can_accept_a_name()
    {
        var policy = HardeningPolicy.Default with { AcceptedSecretNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "LICENSE_KEY" } };

        var findings = ImageFixture.DebianBase().Config(c => c with { Env = ["LICENSE_KEY=community-edition-1"] }).Evaluate(Rule, policy: policy);

        Assert.Empty(findings);
    }
}
