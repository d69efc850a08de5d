using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class SecretInFilesRuleTests
{
    private static readonly SecretInFilesRule Rule = new();

    [Fact]
    public void A_private_key_is_reported_with_its_path_and_layer()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f.File("/root/.ssh/id_ed25519", FakeSecrets.PrivateKey));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new FindingLocation("/root/.ssh/id_ed25519", 1)], finding.Locations);
        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_deleted_by_a_later_layer_is_still_reported()
    {
        var image = ImageFixture.DebianBase()
            .Layer("COPY deploy.pem /tmp/deploy.pem # buildkit", f => f.File("/tmp/deploy.pem", FakeSecrets.PrivateKey))
            .Layer("RUN /bin/sh -c rm /tmp/deploy.pem # buildkit", f => f.Whiteout("/tmp/deploy.pem"));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(1, finding.Locations[0].Layer);
        Assert.Contains("removed or replaced in a later layer", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_credentials_in_settings_files_are_reported_at_their_severity()
    {
        var settings = $"{{ \"Aws\": {{ \"AccessKey\": \"{FakeSecrets.AwsAccessKeyId}\" }} }}";
        var image = ImageFixture.DebianBase().Layer("COPY out /app # buildkit", f => f.File("/app/appsettings.Production.json", settings));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("line 1: AWS access key id AKIA****", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_named_assignments_in_env_files_are_reported_as_medium()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f.File("/app/.env", "# settings\nPORT=8080\nexport DB_PASSWORD=hunter2-db-password\nAPI_TOKEN=\n"));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("line 3: DB_PASSWORD=hunt****", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_stores_are_reported_by_name()
    {
        var image = ImageFixture.DebianBase().Layer("COPY certs /app/certs # buildkit", f => f.File("/app/certs/server.p12", "\u0030\u0082binary"));

        Assert.Equal(Severity.Medium, Assert.Single(image.Evaluate(Rule)).Severity);
    }

    [Theory]
    [InlineData("/usr/lib/python3/dist-packages/botocore/data/test.pem")]
    [InlineData("/app/node_modules/ssh2/test/fixtures/id_rsa")]
    [InlineData("/src/app/tests/keys/server.key")]
    [InlineData("/usr/share/doc/openssl/demo.key")]
    public void Sample_and_test_paths_pass(string path)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer("COPY . / # buildkit", f => f.File(path, FakeSecrets.PrivateKey)).Evaluate(Rule));
    }

    [Fact]
    public void Certificates_and_documented_example_keys_pass()
    {
        var image = ImageFixture.DebianBase().Layer("COPY . /app # buildkit", f => f
            .File("/app/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2k\n-----END CERTIFICATE-----\n")
            .File("/app/.env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"));

        Assert.Empty(image.Evaluate(Rule));
    }
}
