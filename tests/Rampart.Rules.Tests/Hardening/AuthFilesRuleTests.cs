using Rampart.Core.Findings;
using Rampart.Rules.Hardening;

namespace Rampart.Rules.Tests.Hardening;

public sealed class AuthFilesRuleTests
{
    private static readonly AuthFilesRule Rule = new();

    [Theory]
    [InlineData("/root/.docker/config.json", "{\"auths\":{\"registry.example.org\":{\"auth\":\"dXNlcjpodW50ZXIyLWRiLXBhc3N3b3Jk\"}}}")]
    [InlineData("/root/.npmrc", "registry=https://npm.example.org/\n//npm.example.org/:_authToken=hunter2-db-password\n")]
    [InlineData("/home/app/.yarnrc.yml", "npmRegistryServer: https://npm.example.org\nnpmAuthToken: hunter2-db-password\n")]
    [InlineData("/root/.pypirc", "[pypi]\nusername = __token__\npassword = hunter2-db-password\n")]
    [InlineData("/root/.netrc", "machine git.example.org login ci password hunter2-db-password\n")]
    [InlineData("/root/.git-credentials", "https://ci:hunter2-db-password@git.example.org\n")]
    [InlineData("/root/.m2/settings.xml", "<settings><servers><server><id>r</id><password>hunter2-db-password</password></server></servers></settings>")]
    [InlineData("/root/.kube/config", "users:\n- name: ci\n  user:\n    token: hunter2-db-password\n")]
    [InlineData("/root/.aws/credentials", "[default]\naws_access_key_id = X\naws_secret_access_key = hunter2-db-password\n")]
    [InlineData("/src/NuGet.Config", "<configuration><packageSourceCredentials><feed><add key=\"Username\" value=\"ci\" /><add key=\"ClearTextPassword\" value=\"hunter2-db-password\" /></feed></packageSourceCredentials></configuration>")]
    public void Credential_files_holding_a_credential_are_reported_redacted(string path, string content)
    {
        var image = ImageFixture.DebianBase().Layer("COPY . / # buildkit", f => f.File(path, content));

        var finding = Assert.Single(image.Evaluate(Rule));

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new FindingLocation(path, 1)], finding.Locations);
        Assert.DoesNotContain("hunter2-db-password", finding.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("dXNlcjpodW50ZXIyLWRiLXBhc3N3b3Jk", finding.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/root/.docker/config.json", "{\"auths\":{\"registry.example.org\":{}},\"credsStore\":\"desktop\"}")]
    [InlineData("/root/.npmrc", "//npm.example.org/:_authToken=${NPM_TOKEN}\n")]
    [InlineData("/root/.m2/settings.xml", "<password>${env.MAVEN_PASSWORD}</password>")]
    [InlineData("/root/.npmrc", "registry=https://npm.example.org/\n")]
    public void Placeholders_and_helper_settings_pass(string path, string content)
    {
        Assert.Empty(ImageFixture.DebianBase().Layer("COPY . / # buildkit", f => f.File(path, content)).Evaluate(Rule));
    }

    [Fact]
    public void An_auth_file_removed_in_a_later_step_is_still_reported()
    {
        var image = ImageFixture.DebianBase()
            .Layer("RUN /bin/sh -c echo //r/:_authToken=x > /root/.npmrc && npm ci # buildkit", f => f.File("/root/.npmrc", "//r/:_authToken=hunter2-db-password\n"))
            .Layer("RUN /bin/sh -c rm /root/.npmrc # buildkit", f => f.Whiteout("/root/.npmrc"));

        Assert.Contains("still in the image", Assert.Single(image.Evaluate(Rule)).Evidence, StringComparison.Ordinal);
    }
}
